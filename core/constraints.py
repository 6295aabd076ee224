"""Check constraints answered in Python, so validating 100,000 imported rows does not ask the database
100,000 small questions. Only simple conditions are understood (comparisons, null tests, lengths and
case of plain fields); anything else raises ``NotUnderstood`` and the caller asks the database as usual.
The answer follows SQL: a condition that comes out unknown (NULL) passes, as it does in a CHECK.

A condition is compiled once into a test of a row's values (``condition_compiled``), so checking many rows
costs no walk of the condition's tree per row."""

import operator
from collections.abc import Callable

from django.db.models import F, Q, Value
from django.db.models.functions import Length, Lower, Upper
from django.db.models.lookups import Lookup

Test = Callable[[dict], bool | None]
COMPARISONS = {"exact": operator.eq, "gt": operator.gt, "gte": operator.ge, "lt": operator.lt, "lte": operator.le}


class NotUnderstood(Exception):
    pass


def condition_holds(*, condition: Q, values: dict) -> bool:
    """Whether a row with these field values (as the database stores them) satisfies ``condition``."""
    return condition_compiled(condition=condition, names=values.keys())(values)


def condition_compiled(*, condition: Q, names) -> Callable[[dict], bool]:
    """``condition`` as a test of a row's values (by field name, as the database stores them), for rows giving
    ``names``. Raises ``NotUnderstood`` now for a condition it cannot answer, and from the test for values it
    cannot compare as the database would (text outside ASCII, values of different types)."""
    test = _q(Q(condition), frozenset(names))
    return lambda values: test(values) is not False


def _q(q: Q, names: frozenset) -> Test:
    tests = [_child(child, names) for child in q.children]
    if q.connector not in (Q.AND, Q.OR):
        raise NotUnderstood(q.connector)
    decisive = q.connector == Q.OR  # one False decides an AND, one True an OR
    negated = q.negated

    def test(values: dict) -> bool | None:
        unknown = False
        for child in tests:
            result = child(values)
            if result is decisive:
                return not decisive if negated else decisive
            if result is None:
                unknown = True
        if unknown:
            return None
        return decisive if negated else not decisive

    return test


def _child(child, names: frozenset) -> Test:
    if isinstance(child, Q):
        return _q(child, names)
    if isinstance(child, Lookup):
        return _comparison(child.lookup_name, _value(child.lhs, names), _value(child.rhs, names))
    if isinstance(child, tuple) and len(child) == 2:
        path, right = child
        parts = path.split("__")
        if len(parts) > 2 or parts[0] not in names:
            raise NotUnderstood(path)
        lookup = parts[1] if len(parts) == 2 else "exact"
        name = parts[0]
        return _comparison(lookup, lambda values: values[name], _value(right, names))
    raise NotUnderstood(child)


def _value(expression, names: frozenset) -> Callable[[dict], object]:
    if isinstance(expression, F):
        if expression.name not in names:
            raise NotUnderstood(expression.name)
        name = expression.name
        return lambda values: values[name]
    if isinstance(expression, Value):
        constant = expression.value
        return lambda values: constant
    if isinstance(expression, Length | Upper | Lower):
        (inner,) = expression.get_source_expressions()
        text_of = _value(inner, names)
        function = len if isinstance(expression, Length) else str.upper if isinstance(expression, Upper) else str.lower

        def text_function(values: dict):
            text = text_of(values)
            if text is None:
                return None
            if not isinstance(text, str) or not text.isascii():
                raise NotUnderstood("text functions outside ASCII follow the database's collation")
            return function(text)

        return text_function
    if hasattr(expression, "resolve_expression"):
        raise NotUnderstood(expression)
    return lambda values: expression


def _comparison(lookup: str, left_of, right_of) -> Test:
    if lookup == "isnull":
        return lambda values: (left_of(values) is None) == bool(right_of(values))
    if lookup not in COMPARISONS:
        raise NotUnderstood(lookup)
    compare = COMPARISONS[lookup]

    def test(values: dict) -> bool | None:
        left, right = left_of(values), right_of(values)
        if right is None and lookup == "exact":
            return left is None  # Django turns "= None" into IS NULL
        if left is None or right is None:
            return None
        try:
            return compare(left, right)
        except TypeError as error:
            raise NotUnderstood(lookup) from error

    return test
