"""Password rules (issue 4, item 2; NIST SP 800-63B): length 12 to 256, any characters, no
composition rules, refused when common or like the user's own name, username or e-mail."""

from __future__ import annotations

import pytest

from kwportal.domain.passwords import (
    MAX_LENGTH,
    MIN_LENGTH,
    common_passwords,
    password_problems,
)

GOOD = "paarse olifant danst op de gracht"
JAN = ("jvandermeer", "Jan van der Meer", "jan.vandermeer@bedrijf.nl")


def test_the_limits_are_those_of_the_issue():
    assert MIN_LENGTH == 12
    assert MAX_LENGTH >= 64


def test_eleven_characters_are_too_short_twelve_are_enough():
    assert password_problems("vQ8#mZt2Lp!") == ["password_too_short"]
    assert password_problems("vQ8#mZt2Lp!x") == []


def test_an_empty_password_is_too_short():
    assert "password_too_short" in password_problems("")


def test_sixty_four_and_two_hundred_fifty_six_characters_are_accepted():
    sentence = "mijn fiets staat elke ochtend scheef tegen de lantaarnpaal bij de bakker "
    for length in (64, 256):
        password = (sentence * 4)[:length]
        assert len(password) == length
        assert password_problems(password) == [], length


@pytest.mark.parametrize("length", [MAX_LENGTH + 1, 10_240])
def test_longer_than_the_maximum_is_refused_with_its_own_code(length):
    assert password_problems("x7Kq" * (length // 4) + "z" * (length % 4)) == ["password_too_long"]


@pytest.mark.parametrize(
    "password",
    [
        "Žluťoučký kůň úpěl ďábelské ódy",
        "我的密码是一首很长的诗歌啊",
        "🦒🦓🦔🦕🦖🦗🦘🦙🦚🦛🦜🦝",
        "   spaties   tellen   ook   mee   ",
        "tab\tnewline\nand\u00a0nbsp together",
        "كلمة مرور طويلة جدا للبوابة",
    ],
)
def test_any_characters_are_accepted(password):
    assert password_problems(password) == []


@pytest.mark.parametrize(
    "password",
    [
        "gordijnroede vensterbank",  # only lower-case letters
        "GORDIJNROEDE VENSTERBANK",  # only capitals
        "839201746583920174",  # only digits
        "zonder-cijfers-of-hoofdletters",
    ],
)
def test_there_are_no_composition_rules(password):
    assert password_problems(password) == []


def test_the_common_list_has_at_least_ten_thousand_entries():
    listed = common_passwords()
    assert len(listed) >= 10_000
    assert {"password", "qwerty", "iloveyou", "welkom"} & listed


@pytest.mark.parametrize(
    "password",
    [
        "password1234",
        "PASSWORD1234",
        "qwerty123456",
        "passwordpassword",
        "aaaaaaaaaaaaaa",
        "iloveyou2024!!",
        "monkey123456",
        "Trustno1Trustno1",
    ],
)
def test_common_passwords_are_refused(password):
    assert password_problems(password) == ["password_common"]


@pytest.mark.parametrize(
    "password",
    [
        "jvandermeer2026!",
        "JVanDerMeer-rules",
        "Jan van der Meer 1970",
        "vandermeer@bedrijf",
        "jan.vandermeer@bedrijf.nl",
    ],
)
def test_a_password_like_the_username_name_or_email_is_refused(password):
    assert password_problems(password, user_attributes=JAN) == ["password_like_user"]


def test_a_good_passphrase_is_accepted_also_with_the_user_attributes():
    assert password_problems(GOOD) == []
    assert password_problems(GOOD, user_attributes=JAN) == []


def test_empty_attributes_are_ignored():
    assert password_problems(GOOD, user_attributes=("", "   ", "@")) == []


@pytest.mark.parametrize(
    "password", ["vanavond zwem ik onder de brug", "ik fiets naar mijn moeder"]
)
def test_ordinary_words_that_contain_a_tussenvoegsel_are_not_like_the_name(password):
    assert password_problems(password, user_attributes=JAN) == []
