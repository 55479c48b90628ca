# Production image: web (gunicorn), worker (Celery) and scheduler share it.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 DJANGO_ENV=production \
    VAR_DIR=/srv/var MEDIA_ROOT=/srv/media STATIC_ROOT=/srv/static

# WeasyPrint's libraries; libharfbuzz-subset0 keeps font subsetting fast (16–20× otherwise).
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 \
      libharfbuzz-subset0 libfontconfig1 postgresql-client \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY pyproject.toml README.md ./
COPY config ./config
COPY documents ./documents
COPY emulation ./emulation
COPY awards ./awards
COPY outbox ./outbox
RUN pip install --no-cache-dir .
COPY . .

# Renders untrusted text: never as root.
RUN useradd --system --uid 1000 --home /srv app && mkdir -p /srv/var /srv/media /srv/static \
 && chown -R app /srv
USER app
EXPOSE 8000
