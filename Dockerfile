# The production image, one for every process: web (the CMD), worker, mailer, beat and the migrations run it with
# their own command (docker-compose.yml). Base images are pinned to exact versions; digests are left out only because
# they could not be checked where this was written (no registry to pull from): add them when you build.
# tests/service/test_dockerfile.py and test_image.py check this file without Docker.
FROM node:24.21.0-bookworm-slim AS assets
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-fund --no-audit
COPY frontend ./frontend
RUN npm run build

FROM python:3.11.14-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_DISABLE_PIP_VERSION_CHECK=1 RASSO_ENVIRONMENT=production RASSO_VAR_DIR=/var/lib/rasso
# pg_dump and pg_restore for manage.py backup_database and restore_database: Debian bookworm's PostgreSQL 15 client,
# which backs up a PostgreSQL 15 or older (docker-compose.yml runs 15). Not pinned to a package version (DL3008):
# Debian's archive keeps only the newest security build, so a pin would break the build at the next fix; the exact
# base image tag fixes the Debian release instead.
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install --yes --no-install-recommends postgresql-client \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10001 rasso \
    && useradd --system --uid 10001 --gid 10001 --home-dir /var/lib/rasso --no-create-home --shell /usr/sbin/nologin rasso
WORKDIR /app
# The locked dependencies first, from the lock alone, so that a change to the code reuses this layer. The code runs
# from /app (settings find templates/ and static/ beside it), so the project itself is not installed a second time.
COPY requirements/runtime.txt ./requirements/runtime.txt
RUN pip install --no-cache-dir --require-hashes -r requirements/runtime.txt
COPY manage.py ./
COPY rasso ./rasso
COPY govuk ./govuk
COPY deadlines ./deadlines
COPY accounts ./accounts
COPY web ./web
COPY audit ./audit
COPY operations ./operations
COPY downloads ./downloads
COPY reminders ./reminders
COPY cases ./cases
COPY victims ./victims
COPY actionplans ./actionplans
COPY scrutiny ./scrutiny
COPY scorecards ./scorecards
COPY corrections ./corrections
COPY dashboards ./dashboards
COPY administration ./administration
COPY portal ./portal
COPY demo ./demo
COPY templates ./templates
COPY locale ./locale
COPY static ./static
COPY --from=assets /app/static/dist ./static/dist
# The production settings need keys and a host name, so the build makes throwaway ones that live only in this step:
# the deployment checks and collectstatic run with nothing else than these and the ENV above.
RUN DJANGO_ALLOWED_HOSTS=build.invalid \
    DJANGO_SECRET_KEY="build-only-$(python -c 'import secrets; print(secrets.token_urlsafe(48))')" \
    COMPLAINANT_IDENTITY_KEYS="build-only-$(python -c 'import secrets; print(secrets.token_urlsafe(32))')" \
    sh -c 'python manage.py check --deploy --fail-level WARNING && python manage.py collectstatic --noinput'
# The var folder (uploads below it) and /backups belong to the numeric user, so that named volumes mounted there start
# writable; the collected static files stay root's and read-only.
RUN install --directory --owner 10001 --group 10001 /var/lib/rasso /var/lib/rasso/uploads /backups
USER 10001:10001
EXPOSE 8000
CMD ["gunicorn", "rasso.wsgi", "--config", "rasso/gunicorn.py"]
