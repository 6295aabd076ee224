"""The values the register works out, as a file gives them back: a derived value marked as derived is derived again
(and recorded if the officer changed it), and a change to a column the register alone sets is a warning."""

from assets.choices import OriginCountrySource
from assets.importing.columns import ColumnMap
from assets.importing.rows import cell
from assets.importing.values import display, is_blank, parse_bool, parse_text, squash
from assets.models import Camera

# The marker column beside each value the register may derive, and whether its cell says "derived".
DERIVED_MARKER_OF = {"origin_country": "origin_country_source", "end_of_life_date": "end_of_life_estimated"}
ORIGIN_DERIVED_WORDS = frozenset(
    squash(word)
    for source in (OriginCountrySource.MANUFACTURER, OriginCountrySource.UNKNOWN)
    for word in (source.value, source.label)
)


def derived_value(camera: Camera, name: str):
    return camera.origin_country.code if name == "origin_country" else getattr(camera, name)


def _marked_derived(name: str, value) -> bool:
    if is_blank(value):
        return False
    if name == "origin_country":
        return squash(str(value)) in ORIGIN_DERIVED_WORDS
    try:
        return parse_bool(value)
    except ValueError:
        return False


def take_marked_derived(fields: dict, cells: list, columns: ColumnMap) -> dict:
    """For each value its marker column says the register derived (a download's "Taken from the manufacturer",
    "End of life estimated: Yes"), ask for it to be derived again, and return the value the file gave, so that a
    changed one can still be recorded."""
    given = {}
    for name, marker in DERIVED_MARKER_OF.items():
        if name in fields and _marked_derived(name, cell(cells, columns, marker)):
            given[name] = fields[name]
            fields[name] = "" if name == "origin_country" else None
    return given


def _name(manufacturer) -> str:
    return manufacturer.name if manufacturer is not None else ""


# The columns the register works out, what the cell is compared with, and what to do instead of editing it.
READ_ONLY = {
    "organisation": (
        lambda camera, value, manufacturers: squash(camera.organisation.name) == squash(parse_text(value)),
        "Organisation is the one you import into; a camera cannot move to another organisation here.",
    ),
    "vendor": (
        lambda camera, value, manufacturers: (
            squash(_name(manufacturers.by_id.get(camera.vendor_id))) == squash(parse_text(value))
        ),
        "Vendor is worked out from the manufacturer; change the manufacturer instead.",
    ),
    "restricted": (
        lambda camera, value, manufacturers: camera.restricted == parse_bool(value),
        "Restricted vendor is worked out from the manufacturer and the restrictions you follow; change the "
        "manufacturer instead.",
    ),
    "sensitive": (
        lambda camera, value, manufacturers: camera.site.sensitive == parse_bool(value),
        "Whether a site is sensitive is set on the site's page, not by an import.",
    ),
}
READ_ONLY_WARNINGS_EACH = 20  # per column: past these, one line counts the rest


def warn_read_only_changed(report, warned, number, cells, columns, manufacturers, current, camera) -> None:
    """A warning for each worked-out value the file changed (from both the register's value and the one the row
    now gives): it is not written, and the warning names the row and says what to change instead."""
    for name, (holds, advice) in READ_ONLY.items():
        if name not in columns.index_by_field:
            continue
        value = cell(cells, columns, name)
        try:
            unchanged = any(holds(state, value, manufacturers) for state in (current, camera) if state is not None)
        except ValueError:
            unchanged = False
        if unchanged:
            continue
        heading = columns.heading(name)
        warned[name] = warned.get(name, 0) + 1
        if warned[name] <= READ_ONLY_WARNINGS_EACH:
            report.warnings.append(f'Row {number}: "{display(value)}" under {heading} was not read. {advice}')
        elif warned[name] == READ_ONLY_WARNINGS_EACH + 1:
            report.warnings.append(f"Further rows change {heading}; none of them was read either.")
