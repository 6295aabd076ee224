"""Structured logs: every record is one JSON object on one line, so a log collector reads its fields.

``log_event(logger, "sign_in.failed", username=..., address=...)`` writes ``{"time", "level", "logger",
"message": "sign_in.failed", "event": "sign_in.failed", "username": ..., "address": ...}``; any other record keeps
its message, and what its ``extra`` added."""

import json
import logging
from datetime import UTC, datetime

# What every LogRecord has; anything else on a record came from ``extra`` and is one of the event's fields.
_RECORD_ATTRIBUTES = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime"}


class JSONFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, tz=UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        extra = {key: value for key, value in vars(record).items() if key not in _RECORD_ATTRIBUTES}
        # An event's fields sit on the record as one dict, so none can clash with a LogRecord attribute.
        fields = extra.pop("fields", None) or {}
        entry.update(extra)
        entry.update(fields)
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str, ensure_ascii=False)


def log_event(logger: logging.Logger, event: str, *, level: int = logging.INFO, **fields) -> None:
    """One structured event: its name, and its fields as keys of the JSON line."""
    logger.log(level, event, extra={"event": event, "fields": fields})
