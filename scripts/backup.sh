#!/usr/bin/env bash
# Back up the database (pg_dump or SQLite online backup) and media (tar) into a new folder.
#   scripts/backup.sh [FOLDER]          default: backups/<timestamp>
# Uses the same environment as the site (DATABASE_URL, MEDIA_ROOT; .env is read).
set -euo pipefail
cd "$(dirname "$0")/.."
exec "${PYTHON:-.venv/bin/python}" manage.py backup "$@"
