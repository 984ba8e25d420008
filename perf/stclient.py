"""A minimal Streamlit client that speaks the browser's WebSocket protocol, for load tests.

HTTP load tools measure nothing here: a Streamlit app does its work over one WebSocket per tab
(``/_stcore/stream``), where the browser sends ``BackMsg`` protobufs and the server answers with
``ForwardMsg`` protobufs. This client uses Streamlit's own published messages
(``streamlit.proto``) and does what the 1.67 frontend does, so the real app runs each simulated
user's reruns exactly as for a phone:

- subprotocols ``["streamlit", <xsrf token>, <session id to resume>]`` (the server takes the
  first as the protocol, ignores an unsigned token, and re-attaches a disconnected session by
  the third within ``server.disconnectedSessionTTL``);
- every rerun is a ``BackMsg.rerun_script`` whose ``ClientState`` carries the page's query
  string, the page script hash of the last run and the FULL set of current widget states (the
  frontend's ``WidgetStateManager`` sends all of them every time; a widget without a value is an
  id alone; a button press is a ``trigger_value`` sent once); widgets absent from the last
  finished run are dropped, as ``removeInactive`` does;
- a form's widgets are sent only when the form is submitted, with the submit button's trigger;
- the query string the script sets (``page_info_changed``) is kept and sent back, as the
  browser's address bar does;
- no ``cached_message_hashes`` are sent, so the server sends whole messages instead of
  references (a little more traffic than a browser, the same script work).

Widget ids end with the user key (``$$ID-<hash>-<key>``), so widgets are found by key. A run's
latency is the time from sending the BackMsg to the ``script_finished`` that ends it (a run cut
short by another, ``FINISHED_EARLY_FOR_RERUN``, e.g. after ``st.rerun()``, does not end it).
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from dataclasses import dataclass, field
from typing import Any

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

EARLY = ForwardMsg.ScriptFinishedStatus.Value("FINISHED_EARLY_FOR_RERUN")
ID_PREFIX = "$$ID-"
# Elements whose text is kept, to read the page (headers, captions, progress, alerts).
TEXT_KINDS = {"markdown", "heading", "alert", "text", "exception", "progress", "code"}


class ClientError(RuntimeError):
    """The server closed the connection or did not finish a run in time."""


def user_key(widget_id: str) -> str | None:
    """The key the script gave a widget, from its id (as Streamlit's own helper reads it)."""
    if not widget_id.startswith(ID_PREFIX):
        return None
    key = widget_id.split("-", maxsplit=2)[-1]
    return None if key == "None" else key


@dataclass
class Page:
    """What one finished run drew: widgets by user key, texts in order, errors shown."""

    widgets: dict[str, tuple[str, Any]] = field(default_factory=dict)  # key -> (kind, proto)
    ids: dict[str, str] = field(default_factory=dict)  # key -> widget id
    texts: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    # In drawing order: ("widget", key) or ("text", text), to read what follows a widget.
    items: list[tuple[str, str]] = field(default_factory=list)

    def text(self) -> str:
        return "\n".join(self.texts)

    def texts_after(self, key: str, until_prefix: str) -> list[str]:
        """Texts drawn after widget ``key`` and before the next widget whose key has the prefix."""
        found, texts = False, []
        for kind, value in self.items:
            if kind == "widget" and value == key:
                found = True
            elif found and kind == "widget" and value.startswith(until_prefix):
                break
            elif found and kind == "text":
                texts.append(value)
        return texts


def _element_text(kind: str, proto: Any) -> str:
    for name in ("body", "text", "message"):
        if hasattr(proto, name) and getattr(proto, name):
            return str(getattr(proto, name))
    return ""


def _default_state(kind: str, proto: Any) -> WidgetState | None:
    """The value a freshly drawn widget holds in the browser before anyone touches it."""
    state = WidgetState(id=proto.id)
    if kind in ("radio", "selectbox"):
        if proto.set_value:
            if proto.HasField("raw_value"):
                state.string_value = proto.raw_value
        elif proto.HasField("default") and 0 <= proto.default < len(proto.options):
            state.string_value = proto.options[proto.default]
    elif kind in ("text_input", "text_area"):
        if proto.set_value and proto.HasField("value"):
            state.string_value = proto.value
        elif proto.HasField("default"):
            state.string_value = proto.default
    elif kind == "checkbox":
        state.bool_value = proto.value if proto.set_value else proto.default
    else:
        return None  # buttons hold no state; other widgets are not used by this app
    return state


class StClient:
    """One browser tab: one WebSocket, one Streamlit session, one script run at a time."""

    def __init__(self, base_url: str, query_string: str = "", timeout_s: float = 120.0) -> None:
        self.url = base_url.replace("http://", "ws://").rstrip("/") + "/_stcore/stream"
        self.query_string = query_string
        self.timeout_s = timeout_s
        self.page = Page()
        self.session_id: str | None = None
        self.states: dict[str, WidgetState] = {}  # widget id -> state sent on every rerun
        self._ws: Any = None
        self._reader: asyncio.Task[None] | None = None
        self._building = Page()
        self._page_hash = ""
        self._finished: asyncio.Future[int] | None = None
        self.closed_reason: str | None = None

    # --- connection ---------------------------------------------------------------------------

    async def connect(self, resume_session: str | None = None) -> float:
        """Open the WebSocket and run the script once, as a page load does; returns its seconds."""
        protocols = ["streamlit", "PLACEHOLDER_AUTH_TOKEN"]
        if resume_session:
            protocols.append(resume_session)
        start = time.perf_counter()
        self._ws = await websockets.connect(
            self.url,
            subprotocols=protocols,  # type: ignore[arg-type]  # arbitrary strings, as browsers send
            ping_interval=None,  # browsers do not ping; a busy server must not close us for it
            max_size=None,
            open_timeout=self.timeout_s,
            proxy=None,
        )
        self.closed_reason = None
        self._reader = asyncio.create_task(self._read())
        await self._rerun()
        return time.perf_counter() - start

    @property
    def connected(self) -> bool:
        return self._ws is not None and self.closed_reason is None

    async def close(self) -> None:
        if self._ws is not None:
            await self._ws.close()
        await self._stop_reader()

    async def drop(self) -> None:
        """Lose the connection uncleanly (phone locked, network gone): no closing handshake."""
        if self._ws is not None:
            self._ws.transport.abort()
        await self._stop_reader()

    async def _stop_reader(self) -> None:
        if self._reader is not None:
            self._reader.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._reader
        self._ws, self._reader = None, None

    async def _read(self) -> None:
        try:
            async for data in self._ws:
                if isinstance(data, bytes):
                    self._handle(data)
        except websockets.ConnectionClosed as exc:
            self.closed_reason = f"closed: {exc}"
        else:
            self.closed_reason = "closed by the server"
        if self._finished is not None and not self._finished.done():
            self._finished.set_exception(ClientError(self.closed_reason))

    def _handle(self, data: bytes) -> None:
        msg = ForwardMsg()
        msg.ParseFromString(data)
        kind = msg.WhichOneof("type")
        if kind == "new_session":
            self._building = Page()
            self._page_hash = msg.new_session.page_script_hash
            self.session_id = msg.new_session.initialize.session_id or self.session_id
        elif kind == "page_info_changed":
            self.query_string = msg.page_info_changed.query_string
        elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
            self._add_element(msg.delta.new_element)
        elif kind == "script_finished" and msg.script_finished != EARLY:
            self._finish_run()
            if self._finished is not None and not self._finished.done():
                self._finished.set_result(msg.script_finished)

    def _add_element(self, element: Any) -> None:
        kind = element.WhichOneof("type")
        proto = getattr(element, kind)
        page = self._building
        widget_id = getattr(proto, "id", "") if hasattr(proto, "id") else ""
        key = user_key(widget_id) if isinstance(widget_id, str) else None
        if key is not None:
            page.widgets[key], page.ids[key] = (kind, proto), widget_id
            page.items.append(("widget", key))
        if kind in TEXT_KINDS:
            text = _element_text(kind, proto)
            page.texts.append(text)
            page.items.append(("text", text))
            if kind == "exception" or (kind == "alert" and proto.format == proto.ERROR):
                page.errors.append(text or kind)

    def _finish_run(self) -> None:
        """The run is over: its page is current, and widgets it did not draw are forgotten."""
        self.page = self._building
        active = set(self.page.ids.values())
        self.states = {i: s for i, s in self.states.items() if i in active}
        for kind, proto in self.page.widgets.values():
            if proto.id not in self.states and not getattr(proto, "form_id", ""):
                default = _default_state(kind, proto)
                if default is not None:
                    self.states[proto.id] = default

    # --- user actions -------------------------------------------------------------------------

    async def _rerun(self, extra: list[WidgetState] | None = None) -> float:
        """Send one rerun with every widget state (and ``extra``); seconds until it finished."""
        if self._ws is None:
            raise ClientError("not connected")
        msg = BackMsg()
        client_state = msg.rerun_script
        client_state.query_string = self.query_string
        client_state.page_script_hash = self._page_hash
        sent = {s.id: s for s in self.states.values()}
        for state in extra or []:
            sent[state.id] = state
        client_state.widget_states.widgets.extend(sent.values())
        self._finished = asyncio.get_running_loop().create_future()
        start = time.perf_counter()
        await self._ws.send(msg.SerializeToString())
        try:
            await asyncio.wait_for(self._finished, self.timeout_s)
        except TimeoutError as exc:
            raise ClientError(f"no script_finished within {self.timeout_s:.0f} s") from exc
        return time.perf_counter() - start

    def widget(self, key: str) -> tuple[str, Any]:
        try:
            return self.page.widgets[key]
        except KeyError:
            raise ClientError(f"no widget with key {key!r} on the page") from None

    def options(self, key: str) -> list[str]:
        return list(self.widget(key)[1].options)

    def value(self, key: str) -> str | bool | None:
        """The widget's current value as the browser holds it (a label for radios/selects)."""
        state = self.states.get(self.widget(key)[1].id)
        if state is None or state.WhichOneof("value") is None:
            return None
        return getattr(state, str(state.WhichOneof("value")))  # type: ignore[no-any-return]

    async def set_string(self, key: str, value: str) -> float:
        """Choose a radio/select option by its label, or type into a text field, and rerun."""
        state = WidgetState(id=self.widget(key)[1].id, string_value=value)
        self.states[state.id] = state
        return await self._rerun()

    async def click(self, key: str) -> float:
        """Press a button: its trigger is sent once, with the other widgets' states."""
        return await self._rerun([WidgetState(id=self.widget(key)[1].id, trigger_value=True)])

    async def submit_form(self, button_key: str, values: dict[str, str]) -> float:
        """Fill a form's fields (by key, string values) and press its submit button."""
        for key, value in values.items():
            state = WidgetState(id=self.widget(key)[1].id, string_value=value)
            self.states[state.id] = state
        return await self.click(button_key)
