"""A stand-in for the settings module of the API that runbook 003 releases.

It reads the same environment variables the runbook names, so the runbook's own
`python - <<'PY' from app.settings import settings ... PY` dumps run unchanged against it.
"""
import os


def _bool(name, default="false"):
    return os.environ.get(name, default).strip().lower() in ("1", "true", "yes", "on")


def _list(name):
    return [item.strip() for item in os.environ.get(name, "").split(",") if item.strip()]


class Settings:
    app_env = os.environ.get("APP_ENV", "dev")
    strict_cors = _bool("STRICT_CORS")
    cors_origins = _list("CORS_ORIGINS")
    trust_proxy_headers = _bool("TRUST_PROXY_HEADERS")
    trusted_proxy_ips = _list("TRUSTED_PROXY_IPS")
    trusted_proxy_cidrs = _list("TRUSTED_PROXY_CIDRS")
    auth_secret_key = os.environ.get("AUTH_SECRET_KEY", "dev-auth-secret")
    owner_basic_username = os.environ.get("OWNER_BASIC_USERNAME")
    admin_basic_username = os.environ.get("ADMIN_BASIC_USERNAME")
    dispatcher_basic_username = os.environ.get("DISPATCHER_BASIC_USERNAME")
    accountant_basic_username = os.environ.get("ACCOUNTANT_BASIC_USERNAME")
    viewer_basic_username = os.environ.get("VIEWER_BASIC_USERNAME")
    stripe_secret_key = os.environ.get("STRIPE_SECRET_KEY")
    email_mode = os.environ.get("EMAIL_MODE", "off")
    order_storage_backend = os.environ.get("ORDER_STORAGE_BACKEND", "local")
    metrics_token = os.environ.get("METRICS_TOKEN")
    admin_read_only = _bool("ADMIN_READ_ONLY")
    admin_mfa_required = _bool("ADMIN_MFA_REQUIRED")


settings = Settings()
