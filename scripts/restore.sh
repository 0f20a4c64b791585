#!/usr/bin/env bash
# Restore a backup folder, then verify page/revision/submission/image/document counts and files.
#   scripts/restore.sh FOLDER [--database-url URL] [--media-root PATH]
# Without options it restores over the configured DATABASE_URL and MEDIA_ROOT (stop the site
# first); with --database-url it fills another, fresh database (a restore drill).
set -euo pipefail
cd "$(dirname "$0")/.."
exec "${PYTHON:-.venv/bin/python}" manage.py restore "$@"
