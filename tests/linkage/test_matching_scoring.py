# (Cyrillic names are what this module is about.)
"""The Fellegi-Sunter model: hand-written hard cases scored both ways, the few-fields guard, training."""

import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from spojka.linkage.matching.batch import clusters, compare_pairs, match_records
from spojka.linkage.matching.blocking import blocking_keys, candidate_pairs
from spojka.linkage.matching.files import read_records
from spojka.linkage.matching.records import Record, make_record
from spojka.linkage.matching.scoring import (
    LOWER,
    REASON_CODES,
    UPPER,
    Features,
    Model,
    compare_levels,
)
from spojka.linkage.matching.synthetic import generate, write_csv

SPELLINGS = [
    ("Олександр", "Шевченко", "1985-03-07"),
    ("Oleksandr", "Shevchenko", "7.3.1985"),
    ("Oleksandr", "Ševčenko", "1985-03-07"),
    ("Aleksandr", "Shevchenko", "1985-03-08"),  # Russian spelling, a typo in the day
    ("Sasha", "Sevcenko", "1985-07-03"),  # diminutive, no diacritics, day and month swapped
]


def parsed(rows: list[dict[str, str]]) -> list[Record]:
    buffer = io.StringIO()
    write_csv(buffer, rows)
    records, _errors = read_records(io.BytesIO(buffer.getvalue().encode("utf-8")))
    return records


def person(record_id: str, given: str, family: str, birth: str, **extra: str) -> Record:
    return make_record(record_id, given_name=given, family_name=family, birth_date=birth, **extra)


@pytest.mark.parametrize("first", range(len(SPELLINGS)))
@pytest.mark.parametrize("second", range(len(SPELLINGS)))
def test_compare_five_spellings_of_oleksandr_shevchenko_match_each_other(first: int, second: int) -> None:
    if first >= second:
        return
    a = person("a", *SPELLINGS[first], sex="m", phone="777123456")
    b = person("b", *SPELLINGS[second], sex="m", phone="+420 777 123 456")
    comparison = Model.default().compare(a, b)
    assert comparison.probability >= UPPER, comparison


def test_compare_twins_same_surname_and_birth_date_different_given_names_do_not_match() -> None:
    shared = {"phone": "777123456", "municipality": "Brno", "nationality": "UA"}
    a = person("a", "Yevheniia", "Kovalenko", "2010-05-01", sex="f", **shared)
    b = person("b", "Yaroslava", "Kovalenko", "2010-05-01", sex="f", **shared)
    comparison = Model.default().compare(a, b)
    assert comparison.probability < LOWER
    assert "identity_conflict" in comparison.reasons


def test_compare_father_and_son_same_name_different_birth_year_are_not_merged() -> None:
    shared = {"phone": "777123456", "municipality": "Brno", "nationality": "UA", "sex": "m"}
    father = person("a", "Mykola", "Bondarenko", "1961-04-02", **shared)
    son = person("b", "Mykola", "Bondarenko", "1988-09-15", **shared)
    comparison = Model.default().compare(father, son)
    assert comparison.probability < UPPER
    assert "birth_date_different" in comparison.reasons


def test_compare_oleksandr_and_oleksandra_same_birth_date_do_not_auto_merge() -> None:
    a = person("a", "Oleksandr", "Shevchenko", "1985-03-07")
    b = person("b", "Oleksandra", "Shevchenko", "1985-03-07")
    assert Model.default().compare(a, b).probability < UPPER


def test_compare_czech_female_surname_form_matches_with_same_birth_date() -> None:
    a = person("a", "Olena", "Ševčenko", "1990-01-12", sex="f", document_number="FA123456")
    b = person("b", "Olena", "Ševčenková", "12.1.1990", sex="f", document_number="FA 123456")
    comparison = Model.default().compare(a, b)
    assert comparison.probability >= UPPER
    assert "family_name_phonetic" in comparison.reasons


def test_compare_swapped_name_order_matches_with_reason() -> None:
    a = person("a", "Shevchenko", "Oleksandr", "1985-03-07", phone="777123456")
    b = person("b", "Oleksandr", "Shevchenko", "1985-03-07", phone="777123456")
    comparison = Model.default().compare(a, b)
    assert comparison.probability >= UPPER
    assert comparison.reasons[0] == "name_order_swapped"


def test_compare_different_people_score_low() -> None:
    a = person("a", "Iryna", "Melnyk", "1970-02-03", municipality="Praha")
    b = person("b", "Taras", "Bondarenko", "1995-11-21", municipality="Praha")
    assert Model.default().compare(a, b).probability < 0.01


def test_compare_reasons_are_known_codes() -> None:
    a = person("a", *SPELLINGS[0], sex="m", document_number="FA1", phone="777123456", municipality="Brno")
    b = person("b", *SPELLINGS[4], sex="", document_number="FA2", phone="777000000", municipality="Praha")
    assert set(Model.default().compare(a, b).reasons) <= set(REASON_CODES)


def test_compare_missing_field_gives_no_reason_and_no_weight() -> None:
    a = person("a", "Ivan", "Melnyk", "1970-02-03", phone="777123456")
    b = person("b", "Ivan", "Melnyk", "1970-02-03")
    c = person("c", "Ivan", "Melnyk", "1970-02-03", phone="777999999")
    model = Model.default()
    assert not any(code.startswith("phone") for code in model.compare(a, b).reasons)
    assert model.compare(a, b).weight > model.compare(a, c).weight


@pytest.mark.parametrize(
    "sparse",
    [
        Record("b", given_name="Oleksandr", family_name="Shevchenko"),
        Record("b", family_name="Shevchenko", birth_year=1985),
        Record("b", document_number="FA123456"),
        Record("b", given_name="Oleksandr", phone="420777123456"),
    ],
)
def test_compare_record_with_almost_no_fields_never_reaches_upper(sparse: Record) -> None:
    full = person("a", "Oleksandr", "Shevchenko", "1985-03-07", document_number="FA123456", phone="777123456", sex="m")
    comparison = Model.default().compare(full, sparse)
    assert comparison.probability < UPPER


@settings(max_examples=60, deadline=None)
@given(
    given_name=st.sampled_from(["", "Oleksandr", "Олена"]),
    family=st.sampled_from(["", "Shevchenko"]),
    year=st.sampled_from([None, 1985]),
    phone=st.sampled_from(["", "420777123456"]),
)
def test_compare_two_field_records_never_reach_upper(
    given_name: str, family: str, year: int | None, phone: str
) -> None:
    sparse = Record("b", given_name=given_name, family_name=family, birth_year=year, phone=phone)
    present = sum(bool(x) for x in (given_name, family, year, phone))
    if present > 2:
        return
    assert Model.default().compare(sparse, sparse).probability < UPPER


def test_compare_father_and_son_same_name_one_birth_date_missing_are_not_merged() -> None:
    shared = {"phone": "777123456", "municipality": "Brno", "nationality": "UA", "sex": "m"}
    father = person("a", "Mykola", "Bondarenko", "1961-04-02", **shared)
    son = Record("b", given_name="Mykola", family_name="Bondarenko", phone="420777123456", municipality="brno", sex="m")
    comparison = Model.default().compare(father, son)
    assert comparison.probability < UPPER
    assert "too_few_fields" in comparison.reasons


def test_compare_one_birth_date_missing_merges_on_an_equal_document() -> None:
    a = person("a", "Mykola", "Bondarenko", "1961-04-02", document_number="FA123456", sex="m")
    b = Record("b", given_name="Mykola", family_name="Bondarenko", document_number="FA123456", sex="m")
    comparison = Model.default().compare(a, b)
    assert comparison.probability >= UPPER
    assert "too_few_fields" not in comparison.reasons


def test_compare_same_name_and_birth_year_only_goes_to_review() -> None:
    a = Record("a", given_name="Oleksandr", family_name="Shevchenko", birth_year=1985)
    b = person("b", "Oleksandr", "Shevchenko", "1985-03-07")
    comparison = Model.default().compare(a, b)
    assert LOWER <= comparison.probability < UPPER
    assert "too_few_fields" in comparison.reasons


def test_compare_same_name_and_birth_year_only_with_sex_alone_goes_to_review() -> None:
    a = Record("a", given_name="Oleksandr", family_name="Shevchenko", birth_year=1985, sex="m")
    b = person("b", "Oleksandr", "Shevchenko", "1985-03-07", sex="m")
    assert Model.default().compare(a, b).probability < UPPER


@pytest.mark.parametrize(
    "agreeing",
    [
        {"municipality": "Brno"},
        {"phone": "420777123456"},
        {"sex": "m", "nationality": "UA"},
    ],
)
def test_compare_same_name_and_birth_year_only_merges_when_more_agrees(agreeing: dict[str, str]) -> None:
    a = Record("a", given_name="Олександр", family_name="Шевченко", birth_year=1985, **agreeing)
    b = Record("b", given_name="Oleksandr", family_name="Ševčenko", birth_year=1985, **agreeing)
    comparison = Model.default().compare(a, b)
    assert comparison.probability >= UPPER, comparison
    assert "too_few_fields" not in comparison.reasons


def test_compare_same_birth_year_only_with_different_given_names_is_not_merged() -> None:
    shared = {"municipality": "brno", "phone": "420777123456", "sex": "f", "nationality": "UA"}
    a = Record("a", given_name="Yevheniia", family_name="Kovalenko", birth_year=2010, **shared)
    b = Record("b", given_name="Yaroslava", family_name="Kovalenko", birth_year=2010, **shared)
    assert Model.default().compare(a, b).probability < LOWER


def test_model_json_round_trip_keeps_parameters() -> None:
    model = Model.default()
    again = Model.from_json(model.to_json())
    assert again.prior == pytest.approx(model.prior)
    assert again.weights["birth_date"] == pytest.approx(model.weights["birth_date"], rel=1e-5)


def test_train_without_labels_learns_that_equal_birth_dates_are_strong_evidence() -> None:
    rows, _truth = generate(3000, seed=5)
    records = parsed(rows)
    model = Model.train(records, random_pairs=20_000, iterations=10)
    assert model.weights["birth_date"][0] > 8
    assert model.weights["given_name"][-1] < 0
    assert 0 < model.prior < 0.01


def test_blocking_keys_of_two_spellings_meet() -> None:
    a = person("a", *SPELLINGS[0])
    b = person("b", *SPELLINGS[4])
    assert blocking_keys(a) & blocking_keys(b)


def test_candidate_pairs_compares_giant_blocks_only_within_the_window() -> None:
    records = [Record(str(i), phone="420777123456") for i in range(200)]
    pairs = list(candidate_pairs(records, max_block=80, window=3))
    assert 0 < len(pairs) <= 2 * 3 * 200
    assert len(pairs) == len(set(pairs))
    assert all(i < j for i, j in pairs)


def test_compare_pairs_in_worker_processes_equals_one_process() -> None:
    records = parsed(generate(600, seed=3)[0])
    features = [Features(r) for r in records]
    pairs = list(candidate_pairs(records, features=features))
    assert compare_pairs(features, pairs, workers=2) == [compare_levels(features[i], features[j]) for i, j in pairs]


def test_weight_of_a_remembered_vector_adds_the_adjustment_afresh() -> None:
    model = Model.default()
    levels = (0, 0, 0, 0, -1, -1, 0, 0)
    first = model.weight_of(levels)
    assert model.weight_of(levels, 1.5) == pytest.approx(first + 1.5)
    assert model.weight_of(list(levels)) == pytest.approx(first)


def test_compare_same_name_born_the_same_year_on_other_days_goes_to_review() -> None:
    a = person("a", "Ivan", "Kovalov", "1985-06-21", sex="m", municipality="Brno", nationality="UA")
    b = person("b", "Ivan", "Kovalov", "1985-04-11", sex="m", municipality="Brno", nationality="UA")
    comparison = Model.default().compare(a, b)
    assert comparison.probability < UPPER
    assert "birth_date_conflict" in comparison.reasons


def test_match_records_merges_a_record_without_date_with_the_only_person_of_its_name() -> None:
    dated = [
        person("a", "Oksana", "Marchenko", "1984-05-06", phone="777123456", municipality="Liberec"),
        person("b", "Оксана", "Марченко", "6.5.1984", phone="777123456", document_number="FB123456"),
    ]
    undated = make_record("c", given_name="Oksana", family_name="Marčenko", phone="777123456", sex="f",
                          municipality="Liberec", nationality="UA")  # fmt: skip
    others = [person(str(i), "Iryna", f"Melnyk{i}", f"1970-02-{i + 1:02}") for i in range(5)]
    pairs = {(p.a, p.b): p for p in match_records([*dated, undated, *others])}
    assert pairs[("a", "c")].decision == "match"
    assert "only_namesake" in pairs[("a", "c")].comparison.reasons
    assert "too_few_fields" not in pairs[("a", "c")].comparison.reasons


def test_match_records_leaves_a_record_without_date_at_review_when_two_people_have_its_name() -> None:
    father = person("f", "Oksana", "Marchenko", "1964-05-06", phone="777123456", municipality="Liberec")
    daughter = person("d", "Oksana", "Marchenko", "1990-01-02", phone="777123456", municipality="Liberec")
    undated = make_record("c", given_name="Oksana", family_name="Marchenko", phone="777123456", sex="f",
                          municipality="Liberec", nationality="UA")  # fmt: skip
    pairs = match_records([father, daughter, undated])
    assert not [p for p in pairs if p.decision == "match"]
    assert {(p.a, p.b) for p in pairs if p.decision == "review"} >= {("c", "f"), ("c", "d")}


def test_match_records_merges_a_record_without_date_despite_a_namesake_living_elsewhere() -> None:
    # Another Oksana Marchenko, born in another year, registered in another town with another phone.
    dated = [
        person("a", "Oksana", "Marchenko", "1984-05-06", phone="777123456", municipality="Liberec"),
        person("b", "Оксана", "Марченко", "6.5.1984", phone="777123456", document_number="FB123456"),
        person("e", "Oksana", "Marchenko", "1961-09-30", phone="603111222", municipality="Brno", sex="f"),
    ]
    undated = make_record("c", given_name="Oksana", family_name="Marčenko", phone="777123456", sex="f",
                          municipality="Liberec", nationality="UA")  # fmt: skip
    pairs = {(p.a, p.b): p for p in match_records([*dated, undated])}
    assert pairs[("a", "c")].decision == "match"
    assert "only_namesake" in pairs[("a", "c")].comparison.reasons
    assert ("c", "e") not in pairs or pairs[("c", "e")].decision == "review"


def test_match_records_leaves_a_record_without_date_at_review_with_a_namesake_sharing_its_phone() -> None:
    # A father and the son named after him: the father moved to another town but keeps the household's phone.
    son = person("s", "Petro", "Marchenko", "1990-01-02", phone="777123456", municipality="Liberec", sex="m")
    father = person("f", "Petro", "Marchenko", "1964-05-06", phone="777123456", municipality="Brno", sex="m")
    undated = make_record("c", given_name="Petro", family_name="Marchenko", phone="777123456", sex="m",
                          municipality="Liberec", nationality="UA")  # fmt: skip
    pairs = match_records([son, father, undated])
    assert not [p for p in pairs if p.decision == "match"]
    assert {(p.a, p.b) for p in pairs if p.decision == "review"} >= {("c", "s"), ("c", "f")}


def test_match_records_leaves_a_record_without_date_at_review_between_namesakes_of_one_town() -> None:
    # Two namesakes of one town without phones: the record without a date may be either.
    older = person("o", "Petro", "Marchenko", "1964-05-06", municipality="Liberec", document_number="FB111111")
    younger = person("y", "Petro", "Marchenko", "1990-01-02", municipality="Liberec", document_number="FB222222")
    undated = make_record("c", given_name="Petro", family_name="Marchenko", phone="777123456", sex="m",
                          municipality="Liberec", nationality="UA")  # fmt: skip
    pairs = match_records([older, younger, undated])
    assert not [p for p in pairs if p.decision == "match"]


def test_match_records_merges_a_record_without_date_and_with_a_typo_with_the_only_person_of_its_name() -> None:
    dated = [
        person("a", "Oksana", "Marchenko", "1984-05-06", phone="777123456", municipality="Liberec"),
        person("b", "Оксана", "Марченко", "6.5.1984", phone="777123456", document_number="FB123456"),
    ]
    undated = make_record("c", given_name="Oksana", family_name="Marchneko", phone="777123456", sex="f",
                          municipality="Liberec", nationality="UA")  # fmt: skip
    pairs = {(p.a, p.b): p for p in match_records([*dated, undated])}
    assert pairs[("a", "c")].decision == "match"
    assert "only_namesake" in pairs[("a", "c")].comparison.reasons


def test_match_records_leaves_a_record_without_date_and_with_a_typo_at_review_between_two_namesakes() -> None:
    father = person("f", "Petro", "Marchenko", "1964-05-06", phone="777123456", municipality="Liberec", sex="m")
    son = person("s", "Petro", "Marchenko", "1990-01-02", phone="777123456", municipality="Liberec", sex="m")
    undated = make_record("c", given_name="Petro", family_name="Marchneko", phone="777123456", sex="m",
                          municipality="Liberec", nationality="UA")  # fmt: skip
    pairs = match_records([father, son, undated])
    assert not [p for p in pairs if p.decision == "match"]


def test_match_records_returns_pairs_of_one_person_found_through_a_third_record() -> None:
    # c has no birth date and shares only the phone with b: nothing to compare with a but the names.
    records = [
        person("a", "Oleksandr", "Shevchenko", "1985-03-07", document_number="FB111111", municipality="Liberec"),
        person("b", "Олександр", "Шевченко", "1985-03-07", document_number="FB111111", phone="777123456"),
        make_record("c", given_name="Sasha", family_name="Sevcenko", phone="777123456", sex="m", nationality="UA"),
    ]
    pairs = {(p.a, p.b): p for p in match_records(records)}
    assert {key for key, p in pairs.items() if p.decision == "match"} == {("a", "b"), ("a", "c"), ("b", "c")}
    through = [p for p in pairs.values() if "same_person_through_other_records" in p.comparison.reasons]
    assert through
    assert all(p.comparison.reasons[0] == "same_person_through_other_records" for p in through)


def test_match_records_never_joins_twins_into_one_person_through_a_third_record() -> None:
    # Two records each close to both twins: joining both would make the twins one person.
    twin_a = person("a", "Yevheniia", "Bondar", "2001-02-03", phone="777123456", municipality="Liberec")
    twin_b = person("b", "Yaroslava", "Bondar", "2001-02-03", phone="777123456", municipality="Liberec")
    links = [
        person("x", "Yevheniia", "Bondar", "2001-02-03", phone="777123456", document_number="FB111111"),
        person("y", "Yaroslava", "Bondar", "2001-02-03", phone="777123456", document_number="FB111111"),
    ]
    pairs = match_records([twin_a, twin_b, *links])
    assert ("a", "b") not in {(p.a, p.b) for p in pairs if p.decision == "match"}
    assert not any(group >= {"a", "b"} for group in clusters(pairs))


def test_candidate_pairs_finds_names_in_another_order_without_any_birth_date() -> None:
    records = [
        Record("a", given_name="Oksana", family_name="Marchova", phone="420741338555"),
        Record("b", given_name="Marchova", family_name="Oksana", document_number="KC636545"),
        Record("c", given_name="Iryna", family_name="Melnyk", document_number="KC000001"),
    ]
    assert list(candidate_pairs(records)) == [(0, 1)]


def test_candidate_pairs_finds_a_record_without_date_in_a_block_of_a_common_name() -> None:
    dated = [person(str(i), "Oksana", "Kovalenko", f"19{50 + i}-{1 + i % 12:02}-{1 + i // 12:02}") for i in range(40)]
    undated = Record("x", given_name="Oksana", family_name="Kovalenko", phone="420741338555")
    pairs = list(candidate_pairs([*dated, undated]))
    assert any(j == len(dated) for _i, j in pairs)
    assert len(pairs) < 40 * 39 // 2


def test_match_records_finds_spellings_and_clusters_them() -> None:
    records = [person(str(i), *spelling, phone="777123456") for i, spelling in enumerate(SPELLINGS)]
    records.append(person("x", "Iryna", "Melnyk", "1970-02-03"))
    pairs = match_records(records)
    assert {(p.a, p.b) for p in pairs if p.decision == "match"} >= {("0", "1"), ("0", "2"), ("1", "2")}
    assert all(p.a < p.b for p in pairs)
    assert clusters(pairs)[0] == {"0", "1", "2", "3", "4"}


def test_match_records_on_synthetic_registry_is_accurate() -> None:
    rows, truth = generate(2000, seed=9)
    records = parsed(rows)
    person_of = {row["record_id"]: t for row, t in zip(rows, truth, strict=True)}
    matches = [p for p in match_records(records) if p.decision == "match"]
    correct = sum(person_of[p.a] == person_of[p.b] for p in matches)
    assert matches
    assert correct / len(matches) > 0.95


def test_compare_vietnamese_family_name_first_and_last_match() -> None:
    a = person("a", "Văn An", "Nguyễn", "1990-04-05", phone="777123456")
    b = person("b", "An", "Nguyen Van", "5.4.1990", phone="777123456")
    comparison = Model.default().compare(a, b)
    assert comparison.probability >= UPPER
    assert "name_order_swapped" in comparison.reasons


def test_compare_romanian_diacritics_do_not_matter() -> None:
    a = person("a", "Ștefan", "Țurcanu", "1979-12-01", document_number="MD1234567")
    b = person("b", "Stefan", "Turcanu", "1979-12-01", document_number="MD1234567")
    assert Model.default().compare(a, b).probability >= UPPER


def test_compare_chomenko_and_khomenko_are_one_surname() -> None:
    a = person("a", "Petro", "Chomenko", "1966-06-06", phone="777123456")
    b = person("b", "Petro", "Khomenko", "1966-06-06", phone="777123456")
    comparison = Model.default().compare(a, b)
    assert comparison.probability >= UPPER
    assert "family_name_phonetic" in comparison.reasons
