# syntax=docker/dockerfile:1
# Multi-stage image: dependencies are built from the hashed lock in a builder stage; the runtime
# stage has no compiler and runs as an unprivileged user. Migrations are a release command:
#   docker compose run --rm web python manage.py migrate --noinput

FROM python:3.12-slim-bookworm AS builder
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1
RUN python -m venv /opt/venv
COPY requirements.lock /tmp/requirements.lock
RUN /opt/venv/bin/pip install --require-hashes --no-deps -r /tmp/requirements.lock

FROM python:3.12-slim-bookworm AS runtime
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=opeiu_site.settings \
    PORT=8000 \
    STATIC_ROOT=/app/staticfiles \
    MEDIA_ROOT=/app/media
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpq5 \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --create-home --uid 10001 opeiu
COPY --from=builder /opt/venv /opt/venv
WORKDIR /app
# The site's code only: .dockerignore leaves out demo/ (load_demo), tests/, bench/ and local state.
COPY --chown=opeiu:opeiu . /app
# collectstatic needs settings that pass the production checks, but none of them are used
# at build time: throwaway values here, the real ones come from the environment at run time.
RUN DEBUG=False SECRET_KEY=collectstatic-only ALLOWED_HOSTS=localhost \
    DATABASE_URL=sqlite:////tmp/build.sqlite3 \
    python manage.py collectstatic --noinput \
    && mkdir -p /app/media && chown -R opeiu:opeiu /app/media /app/staticfiles
USER opeiu
EXPOSE 8000
# Host 127.0.0.1 is not in ALLOWED_HOSTS, and need not be: GET /healthz is answered before the
# host check (opeiu_site/ops/health.py) and is exempt from the HTTPS redirect.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s \
    CMD python -c "import urllib.request,sys; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4).status == 200 else 1)"
CMD ["gunicorn", "-c", "gunicorn.conf.py"]
