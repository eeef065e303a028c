# ruff: noqa: RUF001
# (The demo's names are meant to be Cyrillic, beside their Latin passport spellings.)
"""The demo's clients: invented Ukrainian names in Cyrillic with their Latin passport spelling.

Plain data, read by `spojka.demo.clients_loader`. The Latin forms follow the Ukrainian
government's transliteration (2010), as passports print them. Every person is invented: names
are combined at random from common ones, streets are "Ukázková", e-mail addresses are under
the demo domain and phone numbers are +420 799 000 xxx.
"""

from typing import Final

# (Cyrillic, Latin)
FEMALE_NAMES: Final = (
    ("Олена", "Olena"), ("Ірина", "Iryna"), ("Наталія", "Nataliia"), ("Тетяна", "Tetiana"), ("Оксана", "Oksana"),
    ("Юлія", "Yuliia"), ("Марія", "Mariia"), ("Світлана", "Svitlana"), ("Людмила", "Liudmyla"), ("Галина", "Halyna"),
    ("Катерина", "Kateryna"), ("Анастасія", "Anastasiia"), ("Вікторія", "Viktoriia"), ("Ганна", "Hanna"),
    ("Надія", "Nadiia"), ("Валентина", "Valentyna"), ("Дарина", "Daryna"), ("Софія", "Sofiia"),
    ("Христина", "Khrystyna"), ("Богдана", "Bohdana"), ("Ольга", "Olha"), ("Зоряна", "Zoriana"), ("Лариса", "Larysa"),
)  # fmt: skip

MALE_NAMES: Final = (
    ("Олександр", "Oleksandr"), ("Андрій", "Andrii"), ("Сергій", "Serhii"), ("Володимир", "Volodymyr"),
    ("Дмитро", "Dmytro"), ("Іван", "Ivan"), ("Михайло", "Mykhailo"), ("Юрій", "Yurii"), ("Олег", "Oleh"),
    ("Віктор", "Viktor"), ("Василь", "Vasyl"), ("Микола", "Mykola"), ("Петро", "Petro"), ("Григорій", "Hryhorii"),
    ("Богдан", "Bohdan"), ("Тарас", "Taras"), ("Максим", "Maksym"), ("Артем", "Artem"), ("Євген", "Yevhen"),
    ("Ярослав", "Yaroslav"), ("Денис", "Denys"), ("Роман", "Roman"), ("Станіслав", "Stanislav"), ("Ілля", "Illia"),
)  # fmt: skip

# Family names the same for women and men.
FAMILY_NAMES: Final = (
    ("Коваленко", "Kovalenko"), ("Шевченко", "Shevchenko"), ("Бондаренко", "Bondarenko"), ("Ткаченко", "Tkachenko"),
    ("Кравченко", "Kravchenko"), ("Олійник", "Oliinyk"), ("Шевчук", "Shevchuk"), ("Коваль", "Koval"),
    ("Поліщук", "Polishchuk"), ("Бойко", "Boiko"), ("Ткачук", "Tkachuk"), ("Мельник", "Melnyk"),
    ("Савченко", "Savchenko"), ("Руденко", "Rudenko"), ("Марченко", "Marchenko"), ("Лисенко", "Lysenko"),
    ("Мороз", "Moroz"), ("Петренко", "Petrenko"), ("Клименко", "Klymenko"), ("Павленко", "Pavlenko"),
    ("Кузьменко", "Kuzmenko"), ("Гончаренко", "Honcharenko"), ("Левченко", "Levchenko"), ("Харченко", "Kharchenko"),
    ("Сидоренко", "Sydorenko"), ("Карпенко", "Karpenko"), ("Юрченко", "Yurchenko"), ("Захарченко", "Zakharchenko"),
    ("Гнатюк", "Hnatiuk"), ("Остапчук", "Ostapchuk"), ("Білик", "Bilyk"), ("Ковальчук", "Kovalchuk"),
    ("Дорошенко", "Doroshenko"), ("Литвиненко", "Lytvynenko"), ("Приходько", "Prykhodko"), ("Яковенко", "Yakovenko"),
)  # fmt: skip

# Organisations that register clients in the demo, with how many clients each holds.
CLIENTS_BY_ORGANIZATION: Final = (
    ("cpic-liberec", 80),
    ("poradna-most", 60),
    ("mesto-liberec", 45),
    ("spolek-kalyna", 35),
    ("komunitni-centrum-setkani", 25),
    ("mesto-jablonec", 25),
    ("sit-horizont", 15),
    ("up-liberec", 15),
)

# Where consents send data, in the demo: the recipient organisation and a purpose.
CONSENT_PURPOSES: Final = (
    ("up-liberec", "Registrace na úřadu práce a hledání zaměstnání"),
    ("cpic-liberec", "Adaptačně-integrační kurz a sociální poradenství"),
    ("poradna-most", "Právní poradenství k pobytu"),
    ("mesto-liberec", "Pomoc s bydlením a zápis dětí do školy"),
    ("spolek-kalyna", "Doučování dětí a volnočasové aktivity"),
    ("komunitni-centrum-setkani", "Kurz češtiny a komunitní setkání"),
)

# Vulnerability codes the demo gives out (those the country pack lists), with how often.
VULNERABILITY_WEIGHTS: Final = (
    ("single_parent", 0.0),  # given to parents alone with children, not at random
    ("disability", 0.06),
    ("serious_illness", 0.05),
    ("trauma", 0.08),
    ("pregnancy", 0.02),
)
