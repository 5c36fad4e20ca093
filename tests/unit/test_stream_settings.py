"""``first_event_timeout`` and ``stream_idle_timeout``: set on the client or per request, checked at build()."""

from __future__ import annotations

import math

import pytest

from dify_oapi import Client, InvalidRequestError, RequestOption
from dify_oapi.core.config import Config
from dify_oapi.core.stream import StreamTimeouts


def test_defaults_are_15_s_to_the_first_event_and_1200_s_between_events() -> None:
    limits = StreamTimeouts.of(Config(), RequestOption.builder().api_key("app-k").build())
    assert (limits.first_event, limits.idle) == (15.0, 1200.0)


def test_the_request_wins_over_the_client_and_none_turns_a_client_limit_off() -> None:
    client = Client.builder().first_event_timeout(None).stream_idle_timeout(30).build()
    option = RequestOption.builder().api_key("app-k").first_event_timeout(2.5).build()
    limits = StreamTimeouts.of(client.config, option)
    assert (limits.first_event, limits.idle) == (2.5, 30.0)
    plain = StreamTimeouts.of(client.config, RequestOption.builder().api_key("app-k").build())
    assert (plain.first_event, plain.idle) == (None, 30.0)


@pytest.mark.parametrize("bad", [0, -1.0, math.nan, math.inf, True, "15"])
@pytest.mark.parametrize("name", ["first_event_timeout", "stream_idle_timeout"])
def test_a_limit_that_is_not_a_positive_finite_number_is_refused_at_build(name: str, bad: object) -> None:
    with pytest.raises(InvalidRequestError, match=f"Client.{name}"):
        getattr(Client.builder(), name)(bad)
    with pytest.raises(InvalidRequestError, match=f"RequestOption.{name}"):
        getattr(RequestOption.builder().api_key("app-k"), name)(bad).build()
