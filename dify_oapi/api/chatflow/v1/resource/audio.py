"""The audio resource: speech to text and text to speech, as the app's audio features do them."""

from __future__ import annotations

from dify_oapi.core.resource import Resource, aapi, api

from ..model.audio_to_text_request import AudioToTextRequest
from ..model.audio_to_text_response import AudioToTextResponse
from ..model.text_to_audio_request import TextToAudioRequest
from ..model.text_to_audio_response import TextToAudioResponse


class AudioResource(Resource):
    audio_to_text = api(AudioToTextRequest, AudioToTextResponse)
    aaudio_to_text = aapi(AudioToTextRequest, AudioToTextResponse)
    text_to_audio = api(TextToAudioRequest, TextToAudioResponse)
    atext_to_audio = aapi(TextToAudioRequest, TextToAudioResponse)
