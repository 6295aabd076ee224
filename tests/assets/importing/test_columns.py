from assets.importing.columns import CAMERA_HEADINGS, REQUIRED_CAMERA_FIELDS, columns_match


def match(header):
    return columns_match(header=header, headings=CAMERA_HEADINGS, required=REQUIRED_CAMERA_FIELDS)


def test_variants_match_ignoring_case_spacing_and_punctuation():
    columns = match(
        ["ASSET NO.", " Site ", "Brand", "On network?", "Installed", "EOL", "Replacement due?", "Colour", None]
    )
    assert columns.index_by_field == {
        "asset_tag": 0,
        "site": 1,
        "manufacturer": 2,
        "networked": 3,
        "install_date": 4,
        "end_of_life_date": 5,
    }
    assert columns.unknown == ["Colour"]
    assert columns.problems == [
        'Columns "EOL" and "Replacement due?" both give the end of life: keep one.',
    ]


def test_every_listed_variant_is_recognised():
    for field_name, variants in CAMERA_HEADINGS.items():
        for variant in variants:
            assert match([variant]).index_by_field.get(field_name) == 0, variant


def test_missing_required_columns_are_problems():
    columns = match(["Make", "Model"])
    assert columns.problems == [
        'No asset tag column: add one headed "Asset tag", "Asset no", "Asset number", "Asset ID".',
        'No site column: add one headed "Site", "Site name", "Building", "Premises".',
    ]
