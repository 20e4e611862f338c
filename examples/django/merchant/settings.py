"""Settings of the demo merchant. Everything secret comes from the environment; the defaults
are the throwaway demo keys in demo_keys/ and a SQLite file next to manage.py (PostgreSQL when
DATABASE_URL is set)."""

import os
from pathlib import Path

import django

from merchant.database import database_from_url

BASE_DIR = Path(__file__).resolve().parent.parent
DEMO_KEYS = BASE_DIR / "demo_keys"

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "demo-only-not-a-secret")
DEBUG = os.environ.get("DJANGO_DEBUG", "1") == "1"
ALLOWED_HOSTS = os.environ.get("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")

INSTALLED_APPS = [
    # The admin shows the ledger (read-only) at /admin/.
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    # Adds the system check of ALIPAY_NOTIFY (manage.py check, runserver: a missing key file
    # or a wrong key is an error, alipay_notify.E001...). The Verifier is built on first use,
    # so collectstatic and other commands run without the keys. Its migration creates the
    # ledger table, alipay_notify_ledger (docs/ledger.md).
    "alipay_notify.django",
    "shop",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "merchant.urls"
WSGI_APPLICATION = "merchant.wsgi.application"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ]
        },
    }
]

if os.environ.get("DATABASE_URL"):
    # PostgreSQL (or MySQL) for several servers: postgresql://user:password@host:port/name
    DATABASES = {"default": database_from_url(os.environ["DATABASE_URL"])}
else:
    # SQLite serves one machine. The ledger's writers must queue, not fail: a busy timeout of
    # several seconds, WAL (merchant/database.py), and BEGIN IMMEDIATE, which takes the write
    # lock when the transaction starts (Django 5.1+; before, the ledger's insert is the first
    # statement of its transaction and takes the lock just as early).
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.environ.get("MERCHANT_DB", str(BASE_DIR / "db.sqlite3")),
            "OPTIONS": {
                "timeout": 20,
                **({"transaction_mode": "IMMEDIATE"} if django.VERSION >= (5, 1) else {}),
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Payment times are shown in China Standard Time, as Alipay sends them.
TIME_ZONE = "Asia/Shanghai"
USE_TZ = True
STATIC_URL = "static/"
# Where collectstatic puts the files (an image build runs it without any key).
STATIC_ROOT = os.environ.get("DJANGO_STATIC_ROOT", str(BASE_DIR / "staticfiles"))

# Remembers handled notify_ids, so handlers learn about Alipay's retries (a hint; the ledger
# is what applies each change once). In production use a cache that every server process
# shares: Redis when REDIS_URL is set (pip install redis).
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

ALIPAY_NOTIFY = {
    # Alipay's public key (支付宝公钥), not the app's own public key.
    "ALIPAY_PUBLIC_KEY_FILE": os.environ.get(
        "ALIPAY_PUBLIC_KEY_FILE", str(DEMO_KEYS / "alipay_public_key.txt")
    ),
    "APP_ID": os.environ.get("ALIPAY_APP_ID", "2021000000000000"),
    "NOTIFY_ID_STORE": "alipay_notify.django.CacheNotifyIdStore",
    # docs/ledger.md: every delivery recorded in alipay_notify_ledger, the handler run once
    # per transition inside the transaction. The raw bodies are not kept (buyer data).
    "LEDGER": True,
    "KEEP_RAW_BODY": False,
    # `manage.py alipay_reconcile --older-than 15m`: asks Alipay about the orders
    # shop.payments.pending_orders returns, signed with the app private key, and applies the
    # paid answers with shop.payments.apply_query, through the same ledger.
    "APP_PRIVATE_KEY_FILE": os.environ.get(
        "SHOP_APP_PRIVATE_KEY_FILE", str(DEMO_KEYS / "app_private_key.pem")
    ),
    "GATEWAY": os.environ.get(
        "SHOP_ALIPAY_GATEWAY", "https://openapi-sandbox.dl.alipaydev.com/gateway.do"
    ),
    "TIMEOUT": 10,
    "PENDING_ORDERS": "shop.payments.pending_orders",
    "RECONCILE_HANDLER": "shop.payments.apply_query",
}

# The shop's own settings (not the library's).
# The merchant's app private key (应用私钥) signs the payment request sent to the gateway.
SHOP_APP_PRIVATE_KEY_FILE = os.environ.get(
    "SHOP_APP_PRIVATE_KEY_FILE", str(DEMO_KEYS / "app_private_key.pem")
)
SHOP_ALIPAY_GATEWAY = os.environ.get(
    "SHOP_ALIPAY_GATEWAY", "https://openapi-sandbox.dl.alipaydev.com/gateway.do"
)
# Demo only: with the stand-in for Alipay's private key, the order page offers to simulate
# Alipay's notification. Set it to an empty string in production.
SHOP_DEMO_ALIPAY_PRIVATE_KEY_FILE = os.environ.get(
    "SHOP_DEMO_ALIPAY_PRIVATE_KEY_FILE", str(DEMO_KEYS / "alipay_private_key.pem")
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {"alipay_notify": {"handlers": ["console"], "level": "INFO"}},
}
