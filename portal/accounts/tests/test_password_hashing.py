"""Passwords are stored as Argon2 hashes in the real settings (the test run swaps in MD5 only for speed)."""

import importlib

from django.contrib.auth.hashers import check_password, identify_hasher, make_password

from portal import testing


def test_real_settings_hash_new_passwords_with_argon2():
    real = importlib.import_module("config.settings")

    assert real.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"


def test_argon2_hashing_works_and_never_stores_the_password_itself(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]

    encoded = make_password(testing.PASSWORD)

    assert encoded.startswith("argon2$")
    assert testing.PASSWORD not in encoded
    assert identify_hasher(encoded).algorithm == "argon2"
    assert check_password(testing.PASSWORD, encoded)
    assert not check_password("Correct-Horse-Battery-8", encoded)
    assert make_password(testing.PASSWORD) != encoded  # salted


def test_a_user_with_an_older_hash_is_upgraded_to_argon2_at_log_in(settings, anonymous, member_a):
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.Argon2PasswordHasher",
        "django.contrib.auth.hashers.MD5PasswordHasher",
    ]
    assert member_a.password.startswith("md5$")

    response = anonymous.post("/accounts/login/", {"login": member_a.email, "password": testing.PASSWORD})

    assert response.url == "/me/"
    member_a.refresh_from_db()
    assert member_a.password.startswith("argon2$")
