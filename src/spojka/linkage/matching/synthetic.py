# ruff: noqa: RUF001, S311
# (Cyrillic names are the data here; `random` makes test data, not secrets.)
"""Synthetic, labelled registries of refugees as several agencies write them, for the benchmark and the default model.

People live in households (siblings and twins share surname, address, phone and sometimes birth
date; fathers and sons share the whole name), and each person is registered by one to four
agencies, each writing the name its own way: Cyrillic, the passport's KMU 55 Latin, the Czech
transcription, a Russian transliteration, without diacritics, as a diminutive, with a typo, in
swapped order; dates ISO or Czech, sometimes with day and month swapped, a digit wrong, only the
year or nothing; documents, phones and addresses missing or changed.

Train the shipped default model (data/model_default.json) with:
    .venv/bin/python -m spojka.linkage.matching.synthetic --write-default-model
"""

import argparse
import contextlib
import csv
import random
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from importlib import resources
from typing import TextIO

from spojka.linkage.matching.names import fold_name, transcribe_uk_cs, transliterate_ru, transliterate_uk

COLUMNS = (
    "record_id",
    "agency",
    "given_name",
    "family_name",
    "birth_date",
    "sex",
    "nationality",
    "document_number",
    "phone",
    "municipality",
)

MALE = [
    "Олександр",
    "Микола",
    "Михайло",
    "Дмитро",
    "Сергій",
    "Андрій",
    "Володимир",
    "Юрій",
    "Євген",
    "Іван",
    "Петро",
    "Павло",
    "Віктор",
    "Олег",
    "Василь",
    "Богдан",
    "Тарас",
    "Максим",
    "Артем",
    "Роман",
    "Денис",
    "Ігор",
    "Віталій",
    "Вадим",
    "Ярослав",
    "Станіслав",
    "Костянтин",
    "Анатолій",
    "Микита",
    "Ілля",
    "Данило",
    "Матвій",
    "Кирило",
    "Тимофій",
    "Георгій",
    "Остап",
    "Григорій",
    "Леонід",
    "Зиновій",
    "Орест",
]
FEMALE = [
    "Олександра",
    "Олена",
    "Ірина",
    "Тетяна",
    "Наталія",
    "Катерина",
    "Оксана",
    "Євгенія",
    "Іванна",
    "Вікторія",
    "Анастасія",
    "Марія",
    "Ганна",
    "Юлія",
    "Людмила",
    "Галина",
    "Ярослава",
    "Валентина",
    "Лариса",
    "Світлана",
    "Аліна",
    "Дарія",
    "Софія",
    "Поліна",
    "Христина",
    "Вероніка",
    "Інна",
    "Ольга",
    "Любов",
    "Надія",
    "Віра",
    "Зоряна",
    "Соломія",
    "Богдана",
    "Мирослава",
]
_ROOTS = [
    "Шевч",
    "Бондар",
    "Ковал",
    "Мельн",
    "Ткач",
    "Кравч",
    "Олійн",
    "Лис",
    "Бойк",
    "Гриц",
    "Савч",
    "Руд",
    "Мороз",
    "Пономар",
    "Марч",
    "Кушн",
    "Литвин",
    "Гончар",
    "Павл",
    "Климч",
    "Левч",
    "Кузьм",
    "Демч",
    "Захарч",
    "Тимош",
    "Остап",
    "Гаврил",
    "Вовк",
    "Сидор",
    "Щерб",
    "Гуменю",
    "Дорош",
    "Харч",
    "Федор",
    "Яковл",
    "Романч",
    "Нестер",
    "Пилип",
    "Карп",
    "Давид",
    "Ярем",
    "Юрч",
    "Семен",
    "Мартин",
    "Хом",
    "Зінч",
    "Жук",
    "Гнат",
    "Стец",
    "Кость",
    "Луц",
    "Приход",
    "Борис",
    "Кирил",
    "Власенк",
    "Назар",
    "Антон",
    "Мацк",
    "Дяч",
    "Поліщ",
    "Костенк",
    "Степан",
    "Ільч",
    "Михайл",
    "Якименк",
    "Лозинськ",
    "Берез",
]
_SUFFIXES = ("енко", "ук", "чук", "ський", "ов", "ишин", "ець", "ик")
FEMALE_ENDINGS = {"ський": "ська", "ов": "ова", "ишин": "ишина"}
MUNICIPALITIES = [
    "Praha",
    "Brno",
    "Ostrava",
    "Plzeň",
    "Liberec",
    "Olomouc",
    "Ústí nad Labem",
    "Hradec Králové",
    "České Budějovice",
    "Pardubice",
    "Zlín",
    "Havířov",
    "Kladno",
    "Most",
    "Opava",
    "Frýdek-Místek",
    "Karviná",
    "Jihlava",
    "Teplice",
    "Děčín",
    "Karlovy Vary",
    "Chomutov",
    "Jablonec nad Nisou",
    "Mladá Boleslav",
    "Prostějov",
    "Přerov",
    "Česká Lípa",
    "Třebíč",
    "Třinec",
    "Tábor",
    "Znojmo",
    "Příbram",
    "Cheb",
    "Kolín",
    "Písek",
    "Trutnov",
    "Orlová",
    "Kroměříž",
    "Vsetín",
    "Šumperk",
    "Uherské Hradiště",
    "Břeclav",
    "Hodonín",
    "Český Těšín",
    "Litoměřice",
    "Nový Jičín",
    "Havlíčkův Brod",
]
NATIONALITY_SPELLINGS = {
    "UA": ["Ukrajina", "ukrajinská", "Україна", "Ukraine", "UKR", "UA", "українець", "Ucraina", "ukrajinec"],
    "RU": ["Rusko", "Россия", "Russia", "RUS", "ruská"],
    "MD": ["Moldavsko", "Republica Moldova", "Moldova", "MDA", "молдова"],
    "VN": ["Vietnam", "Việt Nam", "vietnamská", "VNM", "В'єтнам"],
    "BY": ["Bělorusko", "Беларусь", "Belarus"],
}
VIETNAMESE_FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ")
VIETNAMESE_MIDDLE = {"m": ("Văn", "Đức", "Minh", "Quốc"), "f": ("Thị", "Ngọc", "Thu", "Thanh")}
VIETNAMESE_GIVEN = {
    "m": ("An", "Bình", "Cường", "Dũng", "Hùng", "Long", "Nam", "Phong", "Quang", "Sơn", "Tuấn", "Việt"),
    "f": ("Anh", "Hà", "Hoa", "Hương", "Lan", "Linh", "Mai", "Nga", "Phương", "Thảo", "Trang", "Yến"),
}
MOLDOVAN_GIVEN = {
    "m": ("Ion", "Vasile", "Gheorghe", "Nicolae", "Mihai", "Ștefan", "Dumitru", "Andrei", "Sergiu", "Tudor"),
    "f": ("Maria", "Elena", "Ana", "Ioana", "Cristina", "Natalia", "Tatiana", "Doina", "Mariana", "Aurelia"),
}
MOLDOVAN_FAMILY = [
    "Ciobanu",
    "Rusu",
    "Munteanu",
    "Ceban",
    "Lungu",
    "Cojocaru",
    "Țurcanu",
    "Rotari",
    "Popa",
    "Sârbu",
    "Moraru",
    "Bălan",
    "Guțu",
    "Cazacu",
    "Roșca",
    "Grosu",
]
AGENCIES = ("assistance_centre", "municipality", "ngo_a", "ngo_b", "integration_centre", "labour_office")


@dataclass
class Person:
    """A person behind the records: true values, in the person's own script."""

    ident: int
    sex: str
    given: str
    family: str
    birth: date
    nationality: str
    document: str
    phone: str
    municipality: str
    origin: str  # "uk", "ru", "md", "vn"


def _surnames() -> list[str]:
    return [root + suffix for root in _ROOTS for suffix in _SUFFIXES]


def _female_surname(name: str) -> str:
    for male, female in FEMALE_ENDINGS.items():
        if name.endswith(male):
            return name[: -len(male)] + female
    return name


def _zipf_choice(rng: random.Random, items: list[str] | tuple[str, ...], *, offset: int = 20) -> str:
    # Zipf-like weights 1/(rank + offset): a few common names (about 1.5 % of people share the commonest
    # surname, 8 % the commonest given name), and a long tail.
    weights = _ZIPF.get((len(items), offset))
    if weights is None:
        weights = _ZIPF[(len(items), offset)] = [1 / (rank + offset) for rank in range(len(items))]
    return rng.choices(items, weights=weights)[0]


_ZIPF: dict[tuple[int, int], list[float]] = {}


def _people(rng: random.Random, count: int) -> Iterator[Person]:
    surnames = _surnames()
    rng.shuffle(surnames)
    ident = 0
    while ident < count:
        origin = rng.choices(("uk", "ru", "md", "vn"), weights=(78, 8, 7, 7))[0]
        household = rng.choices((1, 2, 3, 4, 5), weights=(30, 25, 25, 15, 5))[0]
        municipality = rng.choice(MUNICIPALITIES)
        phone = f"+420 7{rng.randrange(10**7, 10**8)}"
        if origin == "vn":
            family = rng.choice(VIETNAMESE_FAMILY)
        elif origin == "md":
            family = rng.choice(MOLDOVAN_FAMILY)
        else:
            family = _zipf_choice(rng, surnames)
        parent_year = rng.randrange(1950, 1992)
        twins_date = date(parent_year + rng.randrange(20, 32), 1, 1) + timedelta(days=rng.randrange(365))
        father_name = ""
        for member in range(household):
            sex = rng.choice("mf")
            if member == 0:
                birth = date(parent_year, 1, 1) + timedelta(days=rng.randrange(365))
            elif member == 2 and rng.random() < 0.4:
                birth = twins_date  # twins: the same birth date as the sibling before
            elif member >= 1:
                birth = date(parent_year + rng.randrange(18, 34), 1, 1) + timedelta(days=rng.randrange(365))
                if member == 1 and rng.random() < 0.3:
                    twins_date = birth
            given = _given(rng, origin, sex)
            if member == 0 and sex == "m":
                father_name = given
            elif sex == "m" and father_name and rng.random() < 0.25:
                given = father_name  # a son named after his father
            person_family = _female_surname(family) if sex == "f" and origin in ("uk", "ru") else family
            if origin == "ru" and sex == "f" and not person_family.endswith("а") and person_family.endswith("ов"):
                person_family += "а"
            nationality = {"uk": "UA", "ru": rng.choice(("RU", "BY")), "md": "MD", "vn": "VN"}[origin]
            shared_phone = member and rng.random() < 0.5
            yield Person(
                ident=ident,
                sex=sex,
                given=given,
                family=person_family,
                birth=birth,
                nationality=nationality,
                document=f"{rng.choice('FEGKM')}{rng.choice('ABCEKM')}{rng.randrange(10**5, 10**6)}",
                phone=phone if shared_phone or member == 0 else f"+420 7{rng.randrange(10**7, 10**8)}",
                municipality=municipality,
                origin=origin,
            )
            ident += 1
            if ident >= count:
                return


def _given(rng: random.Random, origin: str, sex: str) -> str:
    if origin == "vn":
        return f"{rng.choice(VIETNAMESE_MIDDLE[sex])} {rng.choice(VIETNAMESE_GIVEN[sex])}"
    if origin == "md":
        return rng.choice(MOLDOVAN_GIVEN[sex])
    return _zipf_choice(rng, MALE if sex == "m" else FEMALE, offset=5)


def _diminutives() -> dict[str, list[str]]:
    text = resources.files("spojka.linkage.matching").joinpath("data", "given_names.csv").read_text("utf-8")
    groups: dict[str, list[str]] = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            names = [n.strip() for n in line.split(",") if n.strip()]
            groups[names[0]] = names[1:]
    return groups


def _typo(rng: random.Random, text: str) -> str:
    if len(text) < 4:
        return text
    i = rng.randrange(1, len(text) - 1)
    kind = rng.randrange(4)
    letters = "aeioubcdhklmnprstvyz"
    if kind == 0:
        return text[:i] + text[i + 1 :]
    if kind == 1:
        return text[:i] + rng.choice(letters) + text[i + 1 :]
    if kind == 2:
        return text[:i] + text[i + 1] + text[i] + text[i + 2 :]
    return text[:i] + rng.choice(letters) + text[i:]


def _strip_marks(text: str) -> str:
    import unicodedata

    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _write_name(rng: random.Random, person: Person, text: str, style: str) -> str:
    if person.origin in ("md", "vn"):
        return _strip_marks(text) if style in ("passport", "plain") else text
    if style == "cyrillic":
        return text
    if style == "passport":
        return transliterate_uk(text) if person.origin == "uk" else transliterate_ru(text)
    if style == "czech":
        return transcribe_uk_cs(text)
    if style == "russian":
        return transliterate_ru(text)
    return _strip_marks(transcribe_uk_cs(text))


def _record(rng: random.Random, person: Person, record_id: str, diminutives: dict[str, list[str]]) -> dict[str, str]:
    style = rng.choices(("cyrillic", "passport", "czech", "russian", "plain"), weights=(20, 35, 20, 12, 13))[0]
    given = _write_name(rng, person, person.given, style)
    family = _write_name(rng, person, person.family, style)
    if person.origin in ("uk", "ru") and rng.random() < 0.12:
        group = fold_name(transliterate_uk(person.given))
        options = diminutives.get(group, [])
        if options:
            given = rng.choice(options).capitalize()
    czech_register = style in ("czech", "plain")
    if person.origin == "uk" and person.sex == "f" and czech_register and rng.random() < 0.3 and family.endswith("o"):
        family += "vá" if style == "czech" else "va"  # Ševčenko → Ševčenková in a Czech register
    if rng.random() < 0.08:
        given = _typo(rng, given)
    if rng.random() < 0.08:
        family = _typo(rng, family)
    if person.origin == "vn" and rng.random() < 0.4:
        words = f"{family} {given}".split()
        given, family = words[-1], " ".join(words[:-1])  # "An" and "Nguyen Van"
    elif rng.random() < 0.04:
        given, family = family, given
    birth = person.birth
    roll = rng.random()
    if roll < 0.05 and birth.day <= 12 and birth.day != birth.month:
        birth = date(birth.year, birth.day, birth.month)
    elif roll < 0.10:
        text = birth.strftime("%Y%m%d")
        i = rng.randrange(2, 8)
        candidate = text[:i] + str(rng.randrange(10)) + text[i + 1 :]
        with contextlib.suppress(ValueError):  # not a date: left as it was
            birth = date(int(candidate[:4]), int(candidate[4:6]), int(candidate[6:]))
    if roll > 0.97:
        birth_text = ""
    elif roll > 0.94:
        birth_text = str(birth.year)
    elif rng.random() < 0.5:
        birth_text = birth.isoformat()
    else:
        birth_text = f"{birth.day}.{birth.month}.{birth.year}"
    phone = person.phone
    if rng.random() < 0.15:
        phone = f"+420 7{rng.randrange(10**7, 10**8)}"  # a new number
    elif rng.random() < 0.3:
        phone = phone.replace("+420 ", "")
    municipality = person.municipality if rng.random() > 0.15 else rng.choice(MUNICIPALITIES)
    document = person.document
    if rng.random() < 0.1:
        document = f"{rng.randrange(10**8, 10**9)}"  # another document (a visa, a residence card)
    elif rng.random() < 0.2:
        document = document[:2] + " " + document[2:]
    nationality = rng.choice(NATIONALITY_SPELLINGS.get(person.nationality, [person.nationality]))
    return {
        "record_id": record_id,
        "agency": rng.choice(AGENCIES),
        "given_name": given if rng.random() > 0.01 else "",
        "family_name": family if rng.random() > 0.01 else "",
        "birth_date": birth_text,
        "sex": "" if rng.random() < 0.25 else rng.choice({"m": ("M", "muž", "ч"), "f": ("F", "žena", "ж")}[person.sex]),
        "nationality": "" if rng.random() < 0.2 else nationality,
        "document_number": "" if rng.random() < 0.45 else document,
        "phone": "" if rng.random() < 0.35 else phone,
        "municipality": "" if rng.random() < 0.2 else municipality,
    }


def generate(records: int, *, seed: int = 2026) -> tuple[list[dict[str, str]], list[int]]:
    """Return `records` rows in the match_file format and, for each row, the id of the person behind it."""
    rng = random.Random(seed)
    diminutives = _diminutives()
    rows: list[dict[str, str]] = []
    truth: list[int] = []
    # About 1.7 records per person: half of the people are registered once, some by four agencies.
    for person in _people(rng, max(1, int(records / 1.7))):
        copies = rng.choices((1, 2, 3, 4), weights=(50, 25, 15, 10))[0]
        for _ in range(copies):
            if len(rows) >= records:
                break
            rows.append(_record(rng, person, "", diminutives))
            truth.append(person.ident)
    while len(rows) < records:  # top up with single registrations
        person = next(_people(rng, 1))
        person.ident = -len(rows) - 1
        rows.append(_record(rng, person, "", diminutives))
        truth.append(person.ident)
    order = list(range(len(rows)))
    rng.shuffle(order)
    rows = [rows[i] for i in order]
    truth = [truth[i] for i in order]
    for index, row in enumerate(rows):
        row["record_id"] = f"R{index + 1:07d}"
    return rows, truth


def write_csv(stream: TextIO, rows: list[dict[str, str]]) -> None:
    """Write rows in the match_file input format."""
    writer = csv.DictWriter(stream, fieldnames=COLUMNS)
    writer.writeheader()
    writer.writerows(rows)


def train_default_model(records: int = 20_000, *, seed: int = 11) -> str:
    """Train the model on a synthetic registry of `records` and return it as JSON."""
    import io

    from spojka.linkage.matching.files import read_records
    from spojka.linkage.matching.scoring import Model

    rows, _truth = generate(records, seed=seed)
    buffer = io.StringIO()
    write_csv(buffer, rows)
    parsed, _errors = read_records(io.BytesIO(buffer.getvalue().encode("utf-8")))
    model = Model.train(parsed)
    model.note = (
        f"EM without labels on a synthetic registry of {records} records (seed {seed}); "
        "regenerate with: python -m spojka.linkage.matching.synthetic --write-default-model"
    )
    return model.to_json()


def main(argv: list[str] | None = None) -> None:
    """Write a synthetic registry as CSV, or retrain the shipped default model."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--write-default-model", action="store_true")
    args = parser.parse_args(argv)
    if args.write_default_model:
        text = train_default_model(args.records)
        target = resources.files("spojka.linkage.matching").joinpath("data", "model_default.json")
        with resources.as_file(target) as path:
            path.write_text(text, encoding="utf-8")
        sys.stdout.write(text)
        return
    rows, _truth = generate(args.records, seed=args.seed)
    write_csv(sys.stdout, rows)


if __name__ == "__main__":
    main()
