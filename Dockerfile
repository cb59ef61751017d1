# syntax=docker/dockerfile:1
# Production image: gunicorn serving mediasite.wsgi; the same image runs the Celery worker
# and beat (see deploy/docker-compose.yml). Configuration comes from the environment
# (mediasite/settings/base.py); SECRET_KEY (50+ random characters) is required at run time.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=mediasite.settings.production \
    PORT=8000

# ffmpeg/ffprobe: the media pipeline (probe, transcode, HLS, posters). No libpq: psycopg[binary]
# brings its own.
RUN apt-get update \
    && apt-get install -y --no-install-recommends ffmpeg \
    && rm -rf /var/lib/apt/lists/*

RUN groupadd --system --gid 1000 mediasite \
    && useradd --system --uid 1000 --gid mediasite --create-home --home-dir /home/mediasite \
        --shell /usr/sbin/nologin mediasite

WORKDIR /app

# Dependencies first, so code changes do not reinstall them.
COPY requirements.txt ./
RUN pip install -r requirements.txt

COPY . .

# Static files are collected into the image (whitenoise serves them with hashed names).
# The key below exists only for this build step; production settings refuse to start
# without a real one from the environment.
RUN SECRET_KEY=build-only-collectstatic-key-not-used-at-runtime-0123456789abcdef \
    python manage.py collectstatic --noinput -v 0

USER mediasite

EXPOSE 8000

# /healthz answers 200 when the database does (cache and broker problems are reported, not
# fatal). ALLOWED_HOSTS must include localhost for this check.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen(urllib.request.Request('http://127.0.0.1:' + os.environ.get('PORT', '8000') + '/healthz', headers={'Host': 'localhost', 'X-Forwarded-Proto': 'https'}), timeout=4)"]

CMD ["gunicorn", "-c", "deploy/gunicorn.conf.py", "mediasite.wsgi"]
