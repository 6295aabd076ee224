"""Check constraints answered in Python, so validating 100,000 imported rows does not ask the database
100,000 small questions. Only simple conditions are understood (comparisons, null tests, lengths and
case of plain fields); anything else raises ``NotUnderstood`` and the caller asks the database as usual.
The answer follows SQL: a condition that comes out unknown (NULL) passes, as it does in a CHECK."""

from django.db.models import F, Q, Value
from django.db.models.functions import Length, Lower, Upper
from django.db.models.lookups import Lookup


class NotUnderstood(Exception):
    pass


def condition_holds(*, condition: Q, values: dict) -> bool:
    """Whether a row with these field values (as the database stores them) satisfies ``condition``."""
    return _q(Q(condition), values) is not False


def _q(q: Q, values: dict) -> bool | None:
    results = [_child(child, values) for child in q.children]
    if q.connector == Q.AND:
        result = False if False in results else None if None in results else True
    elif q.connector == Q.OR:
        result = True if True in results else None if None in results else False
    else:
        raise NotUnderstood(q.connector)
    return None if result is None else (not result if q.negated else result)


def _child(child, values: dict) -> bool | None:
    if isinstance(child, Q):
        return _q(child, values)
    if isinstance(child, Lookup):
        return _compare(child.lookup_name, _value(child.lhs, values), _value(child.rhs, values))
    if isinstance(child, tuple) and len(child) == 2:
        path, right = child
        parts = path.split("__")
        if len(parts) > 2 or parts[0] not in values:
            raise NotUnderstood(path)
        lookup = parts[1] if len(parts) == 2 else "exact"
        return _compare(lookup, values[parts[0]], _value(right, values))
    raise NotUnderstood(child)


def _value(expression, values: dict):
    if isinstance(expression, F):
        if expression.name not in values:
            raise NotUnderstood(expression.name)
        return values[expression.name]
    if isinstance(expression, Value):
        return expression.value
    if isinstance(expression, Length | Upper | Lower):
        (inner,) = expression.get_source_expressions()
        text = _value(inner, values)
        if text is None:
            return None
        if not isinstance(text, str) or not text.isascii():
            raise NotUnderstood("text functions outside ASCII follow the database's collation")
        return (
            len(text)
            if isinstance(expression, Length)
            else text.upper()
            if isinstance(expression, Upper)
            else text.lower()
        )
    if hasattr(expression, "resolve_expression"):
        raise NotUnderstood(expression)
    return expression


def _compare(lookup: str, left, right) -> bool | None:
    if lookup == "isnull":
        return (left is None) == bool(right)
    if lookup == "exact" and right is None:
        return left is None  # Django turns "= None" into IS NULL
    if left is None or right is None:
        return None
    try:
        if lookup == "exact":
            return left == right
        if lookup == "gt":
            return left > right
        if lookup == "gte":
            return left >= right
        if lookup == "lt":
            return left < right
        if lookup == "lte":
            return left <= right
    except TypeError as error:
        raise NotUnderstood(lookup) from error
    raise NotUnderstood(lookup)
