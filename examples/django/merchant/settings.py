"""Settings of the demo merchant. Everything secret comes from the environment; the defaults
are the throwaway demo keys in demo_keys/ and a SQLite file next to manage.py."""

import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
DEMO_KEYS = BASE_DIR / "demo_keys"

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "demo-only-not-a-secret")
DEBUG = os.environ.get("DJANGO_DEBUG", "1") == "1"
ALLOWED_HOSTS = os.environ.get("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")

INSTALLED_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.staticfiles",
    # Adds the system check of ALIPAY_NOTIFY (manage.py check, runserver: a missing key file
    # or a wrong key is an error, alipay_notify.E001...). The Verifier is built on first use,
    # so collectstatic and other commands run without the keys.
    "alipay_notify.django",
    "shop",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "merchant.urls"
WSGI_APPLICATION = "merchant.wsgi.application"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "APP_DIRS": True,
        "OPTIONS": {"context_processors": ["django.template.context_processors.request"]},
    }
]

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.environ.get("MERCHANT_DB", str(BASE_DIR / "db.sqlite3")),
    }
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Payment times are shown in China Standard Time, as Alipay sends them.
TIME_ZONE = "Asia/Shanghai"
USE_TZ = True
STATIC_URL = "static/"
# Where collectstatic puts the files (an image build runs it without any key).
STATIC_ROOT = os.environ.get("DJANGO_STATIC_ROOT", str(BASE_DIR / "staticfiles"))

# Remembers handled notify_ids, so handlers learn about Alipay's retries. In production use a
# cache that every server process shares (Redis, Memcached, the database cache).
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

ALIPAY_NOTIFY = {
    # Alipay's public key (支付宝公钥), not the app's own public key.
    "ALIPAY_PUBLIC_KEY_FILE": os.environ.get(
        "ALIPAY_PUBLIC_KEY_FILE", str(DEMO_KEYS / "alipay_public_key.txt")
    ),
    "APP_ID": os.environ.get("ALIPAY_APP_ID", "2021000000000000"),
    "NOTIFY_ID_STORE": "alipay_notify.django.CacheNotifyIdStore",
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
