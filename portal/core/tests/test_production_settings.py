"""Production refuses to start with an insecure setting, and starts with a safe one.

Each case starts a fresh Python so that the settings module is read as a real server would read it.
"""

import os
import subprocess
import sys

import pytest
from django.conf import settings

SAFE_KEY = "k8P2vXq9-generated-for-this-test-only-Zt7yR4mN1wLc6bHs0dJf3gUe5aQ"
SETUP = (
    "import django; django.setup(); from django.conf import settings; "
    "print('started', settings.DEBUG, settings.SESSION_COOKIE_SECURE, settings.SECURE_SSL_REDIRECT)"
)


def start(**env: str) -> subprocess.CompletedProcess:
    environment = {
        "PATH": os.environ.get("PATH", ""),
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DJANGO_ENV": "production",
        "DATABASE_URL": "sqlite:///:memory:",
        **env,
    }
    return subprocess.run(
        [sys.executable, "-c", SETUP],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )


def refusal(result: subprocess.CompletedProcess) -> str:
    assert result.returncode != 0, result.stdout
    assert "django.core.exceptions.ImproperlyConfigured: Refusing to start in production" in result.stderr
    return result.stderr.strip().splitlines()[-1]


def test_production_refuses_to_start_with_debug_on():
    message = refusal(start(DEBUG="true", SECRET_KEY=SAFE_KEY, ALLOWED_HOSTS="dia.sidbi.example"))
    assert "DEBUG must be false" in message
    assert "SECRET_KEY" not in message


def test_production_refuses_to_start_with_the_default_secret_key():
    message = refusal(start(ALLOWED_HOSTS="dia.sidbi.example"))
    assert "SECRET_KEY must be set to a random value of at least 50 characters" in message


def test_production_refuses_a_short_secret_key():
    assert "SECRET_KEY must be set" in refusal(start(SECRET_KEY="short-secret", ALLOWED_HOSTS="dia.sidbi.example"))


@pytest.mark.parametrize("hosts", ["", "*", "dia.sidbi.example,*"])
def test_production_refuses_to_start_without_named_hosts(hosts):
    message = refusal(start(SECRET_KEY=SAFE_KEY, ALLOWED_HOSTS=hosts))
    assert "ALLOWED_HOSTS must list the portal's host names" in message


def test_every_problem_is_named_at_once_so_an_operator_fixes_them_in_one_go():
    message = refusal(start(DEBUG="1"))
    assert "DEBUG must be false" in message
    assert "SECRET_KEY must be set" in message
    assert "ALLOWED_HOSTS must list" in message


def test_production_starts_with_safe_settings_and_secure_cookies(tmp_path):
    key_file = tmp_path / "secret_key"
    key_file.write_text(SAFE_KEY + "\n")

    result = start(SECRET_KEY_FILE=str(key_file), ALLOWED_HOSTS="dia.sidbi.example")

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "started False True True"


def test_a_setting_that_is_not_true_or_false_stops_the_start_with_its_name():
    result = start(DEBUG="maybe", SECRET_KEY=SAFE_KEY, ALLOWED_HOSTS="dia.sidbi.example")
    assert result.returncode != 0
    assert "DEBUG must be true or false, not 'maybe'" in result.stderr


@pytest.mark.parametrize("name", ["prod", "Production", "staging", "live"])
def test_an_unknown_environment_name_refuses_to_start(name):
    result = start(DJANGO_ENV=name, SECRET_KEY=SAFE_KEY, ALLOWED_HOSTS="dia.sidbi.example")
    assert result.returncode != 0
    assert f"Refusing to start: DJANGO_ENV is '{name}'" in result.stderr


@pytest.mark.parametrize(
    "key",
    ["a" * 60, "ab" * 30, "abcde" * 12, "check-deploy-only-" + "x" * 60, "password" * 8],
)
def test_production_refuses_a_long_key_with_little_variety(key):
    message = refusal(start(SECRET_KEY=key, ALLOWED_HOSTS="dia.sidbi.example"))
    assert "SECRET_KEY has too little variety" in message


@pytest.mark.parametrize("make", ["token_hex", "token_urlsafe"])
def test_production_starts_with_generated_keys(make):
    import secrets

    key = getattr(secrets, make)(40)
    result = start(SECRET_KEY=key, ALLOWED_HOSTS="dia.sidbi.example")
    assert result.returncode == 0, result.stderr
