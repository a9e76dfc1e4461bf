# The production image: front-end assets built with Node, the service run by gunicorn on Python 3.11.
FROM node:20-bookworm-slim AS assets
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-fund --no-audit
COPY frontend ./frontend
RUN npm run build

FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 RASSO_ENVIRONMENT=production RASSO_VAR_DIR=/var/lib/rasso
RUN useradd --system --create-home --home-dir /var/lib/rasso rasso
WORKDIR /app
COPY pyproject.toml README.md ./
COPY rasso ./rasso
COPY govuk ./govuk
COPY web ./web
COPY deadlines ./deadlines
COPY accounts ./accounts
COPY cases ./cases
COPY victims ./victims
COPY actionplans ./actionplans
COPY reminders ./reminders
COPY scorecards ./scorecards
COPY scrutiny ./scrutiny
COPY downloads ./downloads
COPY dashboards ./dashboards
COPY demo ./demo
COPY audit ./audit
COPY operations ./operations
COPY corrections ./corrections
RUN pip install --no-cache-dir .
COPY manage.py ./
COPY templates ./templates
COPY static ./static
COPY --from=assets /app/static/dist ./static/dist
# collectstatic needs the production settings, which need keys; these exist only during the build.
RUN DJANGO_SECRET_KEY="collectstatic-only-$(python -c 'import secrets; print(secrets.token_urlsafe(48))')" \
    COMPLAINANT_IDENTITY_KEYS="collectstatic-only-$(python -c 'import secrets; print(secrets.token_urlsafe(32))')" \
    python manage.py collectstatic --noinput && chown -R rasso /var/lib/rasso
USER rasso
EXPOSE 8000
CMD ["gunicorn", "rasso.wsgi", "--bind", "0.0.0.0:8000", "--workers", "4", "--access-logfile", "-"]
