# ruff: noqa: RUF001, RUF003
# (Czech and Ukrainian typography: en dashes and the Ukrainian apostrophe are meant.)
"""The Liberec Region demo's directory: what the demo organisations offer, where and when.

Plain data, written by `spojka.demo.directory_loader.load_demo_directory`. Every service has
its name, description, who it is for and how to apply in Czech, Ukrainian and English, the
needs it answers (codes of the `spojka-needs` taxonomy of the country pack), its places,
opening hours, languages spoken and phone, and accommodation and course services their
capacity.

The services are what such organisations in the region really offer, but the details are
invented. As in `liberec.py`, what is invented is recognisably so: streets that are not a
public institution's known address are called "Ukázková", "Vzorová" or "Příkladná" (Czech for
"sample", "model", "exemplary"), and every phone number has 000 in the middle. The numbers
are well-formed Czech numbers, so that the pages and exports treat them as real ones would.
"""

from dataclasses import dataclass
from typing import Final

from spojka.demo.liberec import CESKA_LIPA, JABLONEC_NAD_NISOU, LIBEREC, SEMILY, TURNOV

# ČSÚ codes of the other municipalities with demo places, and of the areas services cover.
FRYDLANT: Final = "564028"
NOVY_BOR: Final = "561860"
TANVALD: Final = "563820"
JILEMNICE: Final = "577197"
REGION: Final = "CZ051"
ORP_CESKA_LIPA: Final = "5101"
ORP_FRYDLANT: Final = "5102"
ORP_JABLONEC: Final = "5103"
ORP_JILEMNICE: Final = "5104"
ORP_LIBEREC: Final = "5105"
ORP_NOVY_BOR: Final = "5106"
ORP_SEMILY: Final = "5107"
ORP_TANVALD: Final = "5108"
ORP_TURNOV: Final = "5109"
ORP_ZELEZNY_BROD: Final = "5110"

TAXONOMY: Final = "spojka-needs"

# Residence statuses of the cz-liberec pack.
TEMPORARY_PROTECTION: Final = "temporary_protection"
ASYLUM: Final = "asylum"
SUBSIDIARY_PROTECTION: Final = "subsidiary_protection"
PERMANENT_RESIDENCE: Final = "permanent_residence"
LONG_TERM_RESIDENCE: Final = "long_term_residence"
LONG_TERM_VISA: Final = "long_term_visa"
ASYLUM_SEEKER: Final = "asylum_seeker"
# Who the integration centres serve: foreigners from outside the EU staying legally.
THIRD_COUNTRY_LEGAL: Final = (
    TEMPORARY_PROTECTION,
    ASYLUM,
    SUBSIDIARY_PROTECTION,
    PERMANENT_RESIDENCE,
    LONG_TERM_RESIDENCE,
    LONG_TERM_VISA,
)

# Exceptions to the weekly hours, dated by the loader from the day of the load.
CHRISTMAS: Final = "christmas"  # closed from 23 December to 1 January
CHRISTMAS_EVE_EVE: Final = "short-22-december"  # open 8:00 to 12:00 on 22 December
SUMMER_BREAK: Final = "summer-break"  # closed in July and August (courses)
TRAINING_DAY: Final = "training-day"  # closed on the first Friday of next month

MO, TU, WE, TH, FR, SA, SU = range(7)


@dataclass(frozen=True)
class Text:
    """A text in the demo's three languages."""

    cs: str
    uk: str
    en: str

    def by_language(self) -> dict[str, str]:
        """Return the texts keyed by language code."""
        return {"cs": self.cs, "uk": self.uk, "en": self.en}


@dataclass(frozen=True)
class DemoLocation:
    """A place where a demo organisation gives services; `key` is its stable identity."""

    key: str
    organization: str
    name: Text
    street: str
    postal_code: str
    municipality_code: str
    # Offset from the municipality's centroid in millionths of a degree (north, east).
    offset: tuple[int, int]
    transportation: Text | None = None


@dataclass(frozen=True)
class Interval:
    """One weekly opening: these days, from `opens` to `closes` ("HH:MM")."""

    days: tuple[int, ...]
    opens: str
    closes: str
    note: Text | None = None


@dataclass(frozen=True)
class DemoCapacity:
    """Places of a service: the unit's code of the country pack, free and total."""

    unit: str
    available: int
    maximum: int
    updated_days_ago: int = 1


@dataclass(frozen=True)
class DemoService:
    """A service of a demo organisation; `key` is its stable identity across reloads."""

    key: str
    organization: str
    name: Text
    description: Text
    eligibility: Text
    application: Text
    needs: tuple[str, ...]
    locations: tuple[str, ...]
    hours: tuple[Interval, ...]
    phone: str
    languages: tuple[str, ...] = ("cs",)
    statuses: tuple[str, ...] = ()
    areas: tuple[str, ...] = (REGION,)
    exceptions: tuple[str, ...] = (CHRISTMAS,)
    capacity: tuple[DemoCapacity, ...] = ()
    reviewed_days_ago: int = 20
    minimum_age: int | None = None
    maximum_age: int | None = None
    fees: Text | None = None
    open_on_public_holidays: bool = False


# Opening hours, as Czech offices and non-profits keep them.
BY_APPOINTMENT: Final = Text(
    "Jen po objednání.",
    "Лише за попереднім записом.",
    "By appointment only.",
)
OFFICE: Final = (
    Interval((MO, WE), "08:00", "17:00"),
    Interval((TU, TH), "08:00", "14:00"),
    Interval((FR,), "08:00", "11:00"),
)
OFFICE_APPOINTMENTS: Final = (
    Interval((MO, WE), "08:00", "17:00"),
    Interval((TU, TH), "08:00", "14:00", note=BY_APPOINTMENT),
    Interval((FR,), "08:00", "11:00"),
)
OFFICE_MO_WE: Final = (Interval((MO, WE), "08:00", "17:00"),)
WORKDAYS_8_16: Final = (Interval((MO, TU, WE, TH, FR), "08:00", "16:00"),)
CPIC_HOURS: Final = (
    Interval((MO, TU, WE, TH), "09:00", "17:00"),
    Interval((FR,), "09:00", "12:00"),
)
COUNSELLING: Final = (
    Interval((MO,), "09:00", "17:00"),
    Interval((TU, TH), "09:00", "13:00"),
    Interval((WE,), "12:00", "18:00"),
)
EVENING_COURSE: Final = (Interval((TU, TH), "17:00", "18:30"),)
MORNING_COURSE: Final = (Interval((MO, WE), "09:00", "10:30"),)
NONSTOP: Final = (Interval((MO, TU, WE, TH, FR, SA, SU), "00:00", "23:59"),)
HOTLINE: Final = (Interval((MO, TU, WE, TH, FR), "08:00", "20:00"),)
COMMUNITY_AFTERNOONS: Final = (Interval((MO, TU, WE, TH), "14:00", "19:00"),)
SATURDAY_MORNING: Final = (Interval((SA,), "09:00", "12:30"),)


LOCATIONS: Final[tuple[DemoLocation, ...]] = (
    DemoLocation(
        key="ku-u-jezu",
        organization="krajsky-urad",
        name=Text("Krajský úřad Libereckého kraje", "Крайовий уряд Ліберецького краю", "Liberec Regional Authority"),
        street="U Jezu 642/2a",
        postal_code="461 80",
        municipality_code=LIBEREC,
        offset=(-1400, -2100),
        transportation=Text(
            "Tramvaj č. 3 a autobusy, zastávka Krajský úřad.",
            "Трамвай № 3 та автобуси, зупинка Krajský úřad.",
            "Tram 3 and buses, stop Krajský úřad.",
        ),
    ),
    DemoLocation(
        key="oamp-pracoviste",
        organization="oamp-liberec",
        name=Text("Pracoviště OAMP Liberec", "Відділення OAMP у Ліберці", "OAMP office in Liberec"),
        street="Vzorová 1200/8",
        postal_code="460 01",
        municipality_code=LIBEREC,
        offset=(900, 1500),
        transportation=Text(
            "5 minut pěšky od zastávky Fügnerova (tramvaj i autobus).",
            "5 хвилин пішки від зупинки Fügnerova (трамвай і автобус).",
            "A 5-minute walk from the Fügnerova stop (tram and bus).",
        ),
    ),
    DemoLocation(
        key="kacpu",
        organization="kacpu-liberec",
        name=Text("KACPU Liberec", "КАЦПУ Ліберець", "KACPU Liberec (assistance centre)"),
        street="Vzorová 1200/8",
        postal_code="460 01",
        municipality_code=LIBEREC,
        offset=(950, 1450),
        transportation=Text(
            "Vchod ze dvora, sledujte modrožluté šipky.",
            "Вхід із двору, йдіть за синьо-жовтими стрілками.",
            "Entrance from the courtyard; follow the blue and yellow arrows.",
        ),
    ),
    DemoLocation(
        key="kacpu-ubytovani",
        organization="kacpu-liberec",
        name=Text(
            "Nouzové ubytování KACPU (tělocvična)",
            "Екстрене житло КАЦПУ (спортзал)",
            "KACPU emergency accommodation (gym hall)",
        ),
        street="Ukázková 310",
        postal_code="460 06",
        municipality_code=LIBEREC,
        offset=(-3200, 2600),
    ),
    DemoLocation(
        key="cpic-voronezska",
        organization="cpic-liberec",
        name=Text("CPIC Liberec", "CPIC Ліберець (інтеграційний центр)", "CPIC Liberec (integration centre)"),
        street="Voroněžská 144/20",
        postal_code="460 01",
        municipality_code=LIBEREC,
        offset=(2600, -3900),
        transportation=Text(
            "Tramvaj č. 2 nebo 3, zastávka Šaldovo náměstí, pak 6 minut pěšky.",
            "Трамвай № 2 або 3, зупинка Šaldovo náměstí, далі 6 хвилин пішки.",
            "Tram 2 or 3 to Šaldovo náměstí, then a 6-minute walk.",
        ),
    ),
    DemoLocation(
        key="cpic-ceska-lipa",
        organization="cpic-liberec",
        name=Text("CPIC – pobočka Česká Lípa", "CPIC – філія в Чеській Липі", "CPIC – Česká Lípa branch"),
        street="Příkladná 2750",
        postal_code="470 01",
        municipality_code=CESKA_LIPA,
        offset=(1100, -800),
    ),
    DemoLocation(
        key="up-liberec",
        organization="up-liberec",
        name=Text(
            "Úřad práce – kontaktní pracoviště Liberec",
            "Центр зайнятості – контактний офіс Ліберець",
            "Labour Office – Liberec contact office",
        ),
        street="Vzorová 1017/7",
        postal_code="460 01",
        municipality_code=LIBEREC,
        offset=(400, 2900),
    ),
    DemoLocation(
        key="up-ceska-lipa",
        organization="up-liberec",
        name=Text(
            "Úřad práce – kontaktní pracoviště Česká Lípa",
            "Центр зайнятості – контактний офіс Чеська Липа",
            "Labour Office – Česká Lípa contact office",
        ),
        street="Vzorová 15",
        postal_code="470 01",
        municipality_code=CESKA_LIPA,
        offset=(-600, 1300),
    ),
    DemoLocation(
        key="policie",
        organization="cizinecka-policie",
        name=Text(
            "Oddělení pobytové kontroly cizinecké policie Liberec",
            "Відділ контролю перебування іноземної поліції Ліберець",
            "Foreign police residence-control unit, Liberec",
        ),
        street="Vzorová 519/35",
        postal_code="460 01",
        municipality_code=LIBEREC,
        offset=(-900, 3400),
    ),
    DemoLocation(
        key="magistrat-liberec",
        organization="mesto-liberec",
        name=Text("Magistrát města Liberec", "Магістрат міста Ліберець", "Liberec City Hall"),
        street="nám. Dr. E. Beneše 1/1",
        postal_code="460 01",
        municipality_code=LIBEREC,
        offset=(3900, -1300),
        transportation=Text(
            "Tramvaj a autobusy, zastávka Fügnerova nebo Šaldovo náměstí.",
            "Трамвай та автобуси, зупинка Fügnerova або Šaldovo náměstí.",
            "Trams and buses, stop Fügnerova or Šaldovo náměstí.",
        ),
    ),
    DemoLocation(
        key="azylovy-dum-liberec",
        organization="mesto-liberec",
        name=Text(
            "Azylový dům pro matky s dětmi",
            "Притулок для матерів з дітьми",
            "Shelter for mothers with children",
        ),
        street="Příkladná 560/14",
        postal_code="460 07",
        municipality_code=LIBEREC,
        offset=(-4100, -2700),
    ),
    DemoLocation(
        key="magistrat-jablonec",
        organization="mesto-jablonec",
        name=Text(
            "Magistrát města Jablonec nad Nisou", "Магістрат міста Яблонець-над-Нісою", "Jablonec nad Nisou City Hall"
        ),
        street="Mírové náměstí 3100/19",
        postal_code="466 01",
        municipality_code=JABLONEC_NAD_NISOU,
        offset=(600, -400),
    ),
    DemoLocation(
        key="ubytovna-jablonec",
        organization="mesto-jablonec",
        name=Text("Městská ubytovna Jablonec", "Міський гуртожиток Яблонець", "Jablonec municipal hostel"),
        street="Ukázková 4122/9",
        postal_code="466 04",
        municipality_code=JABLONEC_NAD_NISOU,
        offset=(-2300, 1900),
    ),
    DemoLocation(
        key="mestsky-urad-ceska-lipa",
        organization="mesto-ceska-lipa",
        name=Text("Městský úřad Česká Lípa", "Міська рада Чеська Липа", "Česká Lípa Town Hall"),
        street="nám. T. G. Masaryka 1/1",
        postal_code="470 01",
        municipality_code=CESKA_LIPA,
        offset=(300, 200),
    ),
    DemoLocation(
        key="vydejna-ceska-lipa",
        organization="mesto-ceska-lipa",
        name=Text("Výdejna potravinové pomoci", "Пункт видачі продуктової допомоги", "Food aid distribution point"),
        street="Ukázková 1884",
        postal_code="470 01",
        municipality_code=CESKA_LIPA,
        offset=(-1800, -1500),
    ),
    DemoLocation(
        key="mestsky-urad-turnov",
        organization="mesto-turnov",
        name=Text("Městský úřad Turnov", "Міська рада Турнов", "Turnov Town Hall"),
        street="Antonína Dvořáka 335",
        postal_code="511 01",
        municipality_code=TURNOV,
        offset=(500, 300),
    ),
    DemoLocation(
        key="mestsky-urad-semily",
        organization="mesto-semily",
        name=Text("Městský úřad Semily", "Міська рада Семили", "Semily Town Hall"),
        street="Husova 82",
        postal_code="513 01",
        municipality_code=SEMILY,
        offset=(200, -300),
    ),
    DemoLocation(
        key="most-liberec",
        organization="poradna-most",
        name=Text("Poradna Most (demo)", "Консультаційний центр Most (demo)", "Most advice centre (demo)"),
        street="Ukázková 12",
        postal_code="460 01",
        municipality_code=LIBEREC,
        offset=(1700, 600),
        transportation=Text(
            "Zastávka Fügnerova, 3 minuty pěšky; bezbariérový vstup ze dvora.",
            "Зупинка Fügnerova, 3 хвилини пішки; безбар’єрний вхід із двору.",
            "Fügnerova stop, a 3-minute walk; step-free entrance from the courtyard.",
        ),
    ),
    DemoLocation(
        key="most-frydlant",
        organization="poradna-most",
        name=Text(
            "Výjezdní poradna Most ve Frýdlantu (demo)",
            "Виїзна консультація Most у Фрідланті (demo)",
            "Most outreach desk in Frýdlant (demo)",
        ),
        street="Vzorová 37",
        postal_code="464 01",
        municipality_code=FRYDLANT,
        offset=(-500, 700),
    ),
    DemoLocation(
        key="most-tanvald",
        organization="poradna-most",
        name=Text(
            "Výjezdní poradna Most v Tanvaldu (demo)",
            "Виїзна консультація Most у Танвальді (demo)",
            "Most outreach desk in Tanvald (demo)",
        ),
        street="Příkladná 1",
        postal_code="468 41",
        municipality_code=TANVALD,
        offset=(300, -600),
    ),
    DemoLocation(
        key="setkani",
        organization="komunitni-centrum-setkani",
        name=Text(
            "Komunitní centrum Setkání (demo)", "Громадський центр Setkání (demo)", "Setkání community centre (demo)"
        ),
        street="Ukázková 3",
        postal_code="466 01",
        municipality_code=JABLONEC_NAD_NISOU,
        offset=(1300, 900),
    ),
    DemoLocation(
        key="kalyna",
        organization="spolek-kalyna",
        name=Text(
            "Klubovna spolku Kalyna (demo)", "Клуб товариства «Калина» (demo)", "Kalyna association clubroom (demo)"
        ),
        street="Ukázková 7",
        postal_code="470 01",
        municipality_code=CESKA_LIPA,
        offset=(-900, 700),
    ),
    DemoLocation(
        key="kalyna-novy-bor",
        organization="spolek-kalyna",
        name=Text(
            "Kalyna v Novém Boru – knihovna (demo)",
            "«Калина» в Новому Борі – бібліотека (demo)",
            "Kalyna in Nový Bor – library (demo)",
        ),
        street="Příkladná 44",
        postal_code="473 01",
        municipality_code=NOVY_BOR,
        offset=(400, 300),
    ),
    DemoLocation(
        key="horizont",
        organization="sit-horizont",
        name=Text(
            "Kancelář Horizont Liberec (demo)", "Офіс Horizont у Ліберці (demo)", "Horizont office in Liberec (demo)"
        ),
        street="Ukázková 40",
        postal_code="460 01",
        municipality_code=LIBEREC,
        offset=(2200, 1100),
    ),
    DemoLocation(
        key="horizont-jilemnice",
        organization="sit-horizont",
        name=Text(
            "Horizont – konzultační místnost Jilemnice (demo)",
            "Horizont – консультаційна кімната в Їлемниці (demo)",
            "Horizont consultation room, Jilemnice (demo)",
        ),
        street="Vzorová 101",
        postal_code="514 01",
        municipality_code=JILEMNICE,
        offset=(-300, 400),
    ),
)


_services: list[DemoService] = [
    # Krajský úřad
    DemoService(
        key="kraj-infolinka",
        organization="krajsky-urad",
        name=Text(
            "Informační linka kraje pro cizince",
            "Інформаційна лінія краю для іноземців",
            "Regional information line for foreigners",
        ),
        description=Text(
            "Telefonická linka Libereckého kraje: poradí, kam se obrátit s pobytem, ubytováním, prací, "
            "školou nebo zdravotní péčí, a předá kontakt na správnou organizaci v kraji.",
            "Телефонна лінія Ліберецького краю: підкаже, куди звернутися щодо перебування, житла, "
            "роботи, школи чи медичної допомоги, і дасть контакт відповідної організації в краї.",
            "The Liberec Region's phone line: tells you where to turn about residence, housing, work, "
            "school or health care, and gives you the contact of the right organisation in the region.",
        ),
        eligibility=Text(
            "Pro všechny cizince v Libereckém kraji a pro ty, kdo jim pomáhají.",
            "Для всіх іноземців у Ліберецькому краї та для тих, хто їм допомагає.",
            "For all foreigners in the Liberec Region and for those who help them.",
        ),
        application=Text(
            "Zavolejte v pracovní dny; hovoříme česky, ukrajinsky a anglicky.",
            "Телефонуйте в робочі дні; розмовляємо чеською, українською та англійською.",
            "Call on working days; we speak Czech, Ukrainian and English.",
        ),
        needs=("documents-residence", "accommodation", "employment", "interpreting"),
        locations=("ku-u-jezu",),
        hours=HOTLINE,
        phone="+420 485 000 201",
        languages=("cs", "uk", "en"),
    ),
    DemoService(
        key="kraj-humpo",
        organization="krajsky-urad",
        name=Text(
            "Humanitární ubytování (HUMPO) – zprostředkování",
            "Гуманітарне житло (HUMPO) – посередництво",
            "Humanitarian accommodation (HUMPO) – placement",
        ),
        description=Text(
            "Kraj vede přehled volných míst v zařízeních humanitárního ubytování a zprostředkuje "
            "lůžko lidem s dočasnou ochranou, kteří si bydlení nemohou zajistit sami.",
            "Край веде облік вільних місць у закладах гуманітарного житла та надає ліжко людям "
            "з тимчасовим захистом, які не можуть самі забезпечити собі житло.",
            "The region keeps track of free places in humanitarian accommodation and finds a bed "
            "for people with temporary protection who cannot arrange housing themselves.",
        ),
        eligibility=Text(
            "Držitelé dočasné ochrany v prvních 150 dnech, po nich zranitelné osoby (senioři, "
            "rodiče s malými dětmi, lidé se zdravotním postižením).",
            "Власники тимчасового захисту в перші 150 днів, після цього вразливі особи (літні люди, "
            "батьки з малими дітьми, люди з інвалідністю).",
            "Holders of temporary protection during their first 150 days, after that vulnerable "
            "people (older people, parents of small children, people with disabilities).",
        ),
        application=Text(
            "Přijďte na KACPU nebo zavolejte na informační linku kraje; s sebou doklad o dočasné ochraně.",
            "Прийдіть до КАЦПУ або зателефонуйте на інформаційну лінію краю; візьміть документ про тимчасовий захист.",
            "Come to KACPU or call the regional information line; bring your temporary protection document.",
        ),
        needs=("accommodation", "emergency-accommodation"),
        locations=("ku-u-jezu",),
        hours=WORKDAYS_8_16,
        phone="+420 485 000 202",
        languages=("cs", "uk"),
        statuses=(TEMPORARY_PROTECTION,),
        capacity=(DemoCapacity("bed", 37, 420),),
    ),
    # OAMP
    DemoService(
        key="oamp-prodlouzeni-do",
        organization="oamp-liberec",
        name=Text(
            "Prodloužení dočasné ochrany",
            "Продовження тимчасового захисту",
            "Extension of temporary protection",
        ),
        description=Text(
            "Po registraci na webu Ministerstva vnitra vám na pracovišti OAMP vylepí do pasu nový "
            "štítek dočasné ochrany nebo vydají doklad o prodloužení.",
            "Після реєстрації на сайті Міністерства внутрішніх справ у відділенні OAMP вам вклеять "
            "у паспорт нову наліпку тимчасового захисту або видадуть документ про продовження.",
            "After registering on the Ministry of the Interior's website, the OAMP office puts a new "
            "temporary protection sticker in your passport or issues a document of the extension.",
        ),
        eligibility=Text(
            "Držitelé dočasné ochrany, kteří se včas zaregistrovali k prodloužení.",
            "Власники тимчасового захисту, які вчасно зареєструвалися на продовження.",
            "Holders of temporary protection who registered for the extension in time.",
        ),
        application=Text(
            "Přijďte v termínu, který jste si vybrali při online registraci; s sebou pas, fotografii "
            "a potvrzení o ubytování.",
            "Прийдіть у термін, який ви обрали під час онлайн-реєстрації; візьміть паспорт, фотографію "
            "та підтвердження про житло.",
            "Come at the time you chose when registering online; bring your passport, a photo and "
            "proof of accommodation.",
        ),
        needs=("documents-residence", "temporary-protection"),
        locations=("oamp-pracoviste",),
        hours=(*OFFICE_MO_WE, Interval((TU, TH), "08:00", "14:00")),
        phone="+420 974 000 211",
        languages=("cs", "uk"),
        statuses=(TEMPORARY_PROTECTION,),
        exceptions=(CHRISTMAS, CHRISTMAS_EVE_EVE),
    ),
    DemoService(
        key="oamp-zvlastni-pobyt",
        organization="oamp-liberec",
        name=Text(
            "Zvláštní dlouhodobý pobyt pro držitele dočasné ochrany",
            "Спеціальне довгострокове перебування для власників тимчасового захисту",
            "Special long-term residence for holders of temporary protection",
        ),
        description=Text(
            "Přijímá žádosti o zvláštní dlouhodobý pobyt, který mohou získat ekonomicky soběstační "
            "držitelé dočasné ochrany, a vysvětlí, jaké doklady je třeba doložit.",
            "Приймає заяви на спеціальне довгострокове перебування, яке можуть отримати економічно "
            "самостійні власники тимчасового захисту, і пояснює, які документи потрібно подати.",
            "Takes applications for special long-term residence, open to economically self-sufficient "
            "holders of temporary protection, and explains which documents you need.",
        ),
        eligibility=Text(
            "Držitelé dočasné ochrany, kteří splňují podmínky příjmu a délky pobytu v Česku.",
            "Власники тимчасового захисту, які відповідають умовам щодо доходу та тривалості перебування в Чехії.",
            "Holders of temporary protection who meet the conditions on income and length of stay in Czechia.",
        ),
        application=Text(
            "Žádost podáváte osobně po objednání přes rezervační systém Ministerstva vnitra.",
            "Заяву подаєте особисто після запису через систему бронювання Міністерства внутрішніх справ.",
            "Apply in person after booking an appointment in the Ministry of the Interior's booking system.",
        ),
        needs=("documents-residence", "residence-permit", "temporary-protection"),
        locations=("oamp-pracoviste",),
        hours=OFFICE_MO_WE,
        phone="+420 974 000 212",
        languages=("cs", "uk", "en"),
        statuses=(TEMPORARY_PROTECTION,),
        fees=Text(
            "Správní poplatek podle sazebníku Ministerstva vnitra.",
            "Адміністративний збір за тарифами Міністерства внутрішніх справ.",
            "An administrative fee under the Ministry of the Interior's tariff.",
        ),
    ),
    DemoService(
        key="oamp-pobyty",
        organization="oamp-liberec",
        name=Text(
            "Povolení k dlouhodobému a trvalému pobytu",
            "Дозволи на довгострокове та постійне проживання",
            "Long-term and permanent residence permits",
        ),
        description=Text(
            "Žádosti o dlouhodobý a trvalý pobyt, zaměstnanecké karty, prodloužení pobytových "
            "oprávnění a hlášení změn (adresa, pas, zaměstnavatel).",
            "Заяви на довгострокове та постійне проживання, картки працівника, продовження дозволів "
            "на проживання та повідомлення про зміни (адреса, паспорт, роботодавець).",
            "Applications for long-term and permanent residence and employee cards, extensions of "
            "residence permits, and reports of changes (address, passport, employer).",
        ),
        eligibility=Text(
            "Cizinci ze zemí mimo EU, kteří v Česku žijí nebo chtějí žít déle než 90 dní.",
            "Іноземці з країн поза ЄС, які живуть або хочуть жити в Чехії понад 90 днів.",
            "Foreigners from outside the EU who live or want to live in Czechia for more than 90 days.",
        ),
        application=Text(
            "Objednejte se přes rezervační systém Ministerstva vnitra; změny lze hlásit i bez objednání.",
            "Запишіться через систему бронювання Міністерства внутрішніх справ; про зміни можна повідомити без запису.",
            "Book an appointment in the Ministry of the Interior's system; changes can be reported without one.",
        ),
        needs=("documents-residence", "residence-permit"),
        locations=("oamp-pracoviste",),
        hours=(*OFFICE_MO_WE, Interval((TU, TH), "08:00", "14:00", note=BY_APPOINTMENT)),
        phone="+420 974 000 213",
        languages=("cs", "en"),
        statuses=(PERMANENT_RESIDENCE, LONG_TERM_RESIDENCE, LONG_TERM_VISA),
        reviewed_days_ago=240,
    ),
    # KACPU
    DemoService(
        key="kacpu-registrace",
        organization="kacpu-liberec",
        name=Text(
            "Registrace k dočasné ochraně",
            "Реєстрація для отримання тимчасового захисту",
            "Registration for temporary protection",
        ),
        description=Text(
            "Pro nově příchozí z Ukrajiny: udělení dočasné ochrany, vylepení víza do pasu a první "
            "informace o pojištění, dávkách a ubytování, vše na jednom místě.",
            "Для новоприбулих з України: надання тимчасового захисту, наліпка візи в паспорт і перша "
            "інформація про страхування, виплати та житло – все в одному місці.",
            "For newcomers from Ukraine: temporary protection granted, the visa put in your passport, "
            "and first information about insurance, benefits and housing, all in one place.",
        ),
        eligibility=Text(
            "Občané Ukrajiny a jejich rodinní příslušníci, kteří prchli před válkou a v Česku dosud "
            "dočasnou ochranu nemají.",
            "Громадяни України та члени їхніх родин, які втекли від війни і ще не мають тимчасового захисту в Чехії.",
            "Ukrainian citizens and their family members who fled the war and do not yet have temporary "
            "protection in Czechia.",
        ),
        application=Text(
            "Přijďte osobně bez objednání, s pasem nebo jiným dokladem totožnosti a s rodným listem dětí.",
            "Приходьте особисто без запису з паспортом або іншим документом, що посвідчує особу, "
            "та свідоцтвом про народження дітей.",
            "Come in person, no appointment needed, with your passport or another identity document and "
            "your children's birth certificates.",
        ),
        needs=("documents-residence", "temporary-protection"),
        locations=("kacpu",),
        hours=WORKDAYS_8_16,
        phone="+420 974 000 221",
        languages=("cs", "uk", "ru"),
        exceptions=(CHRISTMAS, CHRISTMAS_EVE_EVE),
    ),
    DemoService(
        key="kacpu-nouzove-ubytovani",
        organization="kacpu-liberec",
        name=Text(
            "Nouzové ubytování na první noci",
            "Екстрене житло на перші ночі",
            "Emergency accommodation for the first nights",
        ),
        description=Text(
            "Lůžko, deka a teplé jídlo na první dny po příjezdu, než se najde humanitární ubytování. "
            "Provoz nonstop, s noční službou.",
            "Ліжко, ковдра й гаряча їжа на перші дні після приїзду, доки не знайдеться гуманітарне "
            "житло. Працює цілодобово, з нічним черговим.",
            "A bed, a blanket and a hot meal for the first days after arrival, until humanitarian "
            "accommodation is found. Open around the clock, with night staff.",
        ),
        eligibility=Text(
            "Lidé, kteří právě přijeli z Ukrajiny a nemají kde přespat.",
            "Люди, які щойно приїхали з України і не мають де переночувати.",
            "People who have just arrived from Ukraine and have nowhere to sleep.",
        ),
        application=Text(
            "Ve dne se hlaste na přepážce KACPU, v noci přímo u vchodu do tělocvičny.",
            "Удень звертайтеся до стійки КАЦПУ, уночі – просто біля входу до спортзалу.",
            "In the daytime ask at the KACPU desk; at night come straight to the gym hall entrance.",
        ),
        needs=("accommodation", "emergency-accommodation"),
        locations=("kacpu-ubytovani",),
        hours=NONSTOP,
        phone="+420 777 000 222",
        languages=("cs", "uk", "ru"),
        statuses=(TEMPORARY_PROTECTION,),
        exceptions=(),
        open_on_public_holidays=True,
        capacity=(DemoCapacity("bed", 12, 60, updated_days_ago=0),),
    ),
    DemoService(
        key="kacpu-vzp",
        organization="kacpu-liberec",
        name=Text(
            "Přepážka VZP – zdravotní pojištění",
            "Стійка VZP – медичне страхування",
            "VZP desk – health insurance",
        ),
        description=Text(
            "Všeobecná zdravotní pojišťovna na KACPU: přihlášení k veřejnému zdravotnímu pojištění, "
            "vydání průkazu pojištěnce a vysvětlení, jak najít praktického lékaře.",
            "Загальна медична страхова компанія (VZP) у КАЦПУ: реєстрація в державному медичному "
            "страхуванні, видача картки застрахованої особи та пояснення, як знайти сімейного лікаря.",
            "The General Health Insurance Company (VZP) at KACPU: registration for public health "
            "insurance, your insurance card, and how to find a general practitioner.",
        ),
        eligibility=Text(
            "Držitelé dočasné ochrany; stát za ně platí pojistné prvních 150 dní a dále za děti, "
            "studenty, seniory a lidi v péči.",
            "Власники тимчасового захисту; держава платить за них внески перші 150 днів, а далі – "
            "за дітей, студентів, літніх людей і тих, хто доглядає за іншими.",
            "Holders of temporary protection; the state pays their premiums for the first 150 days, "
            "and after that for children, students, older people and carers.",
        ),
        application=Text(
            "Přijďte s dokladem o dočasné ochraně; průkaz pojištěnce přijde poštou na vaši adresu.",
            "Прийдіть із документом про тимчасовий захист; картку застрахованої особи надішлють поштою на вашу адресу.",
            "Come with your temporary protection document; the insurance card is sent to your address by post.",
        ),
        needs=("health", "health-insurance"),
        locations=("kacpu",),
        hours=(Interval((MO, TU, WE, TH), "08:00", "15:00"),),
        phone="+420 485 000 223",
        languages=("cs", "uk"),
        statuses=(TEMPORARY_PROTECTION,),
    ),
    DemoService(
        key="kacpu-up",
        organization="kacpu-liberec",
        name=Text(
            "Přepážka Úřadu práce – humanitární dávka",
            "Стійка Центру зайнятості – гуманітарна допомога",
            "Labour Office desk – humanitarian benefit",
        ),
        description=Text(
            "Pomůže podat žádost o humanitární dávku hned při registraci a vysvětlí, jak se dávka "
            "prodlužuje a jaké změny je třeba hlásit.",
            "Допоможе подати заяву на гуманітарну допомогу одразу під час реєстрації та пояснить, "
            "як її продовжити і про які зміни потрібно повідомляти.",
            "Helps you apply for the humanitarian benefit right when you register and explains how it "
            "is extended and which changes you must report.",
        ),
        eligibility=Text(
            "Držitelé dočasné ochrany bez dostatečného příjmu.",
            "Власники тимчасового захисту без достатнього доходу.",
            "Holders of temporary protection without sufficient income.",
        ),
        application=Text(
            "S sebou doklad o dočasné ochraně, číslo bankovního účtu a potvrzení o ubytování.",
            "Візьміть документ про тимчасовий захист, номер банківського рахунку та підтвердження про житло.",
            "Bring your temporary protection document, your bank account number and proof of accommodation.",
        ),
        needs=("social-benefits", "cash-assistance"),
        locations=("kacpu",),
        hours=(Interval((MO, WE), "08:00", "16:00"), Interval((TU, TH), "08:00", "13:00")),
        phone="+420 950 000 224",
        languages=("cs", "uk"),
        statuses=(TEMPORARY_PROTECTION,),
    ),
    # Cizinecká policie
    DemoService(
        key="policie-hlaseni-pobytu",
        organization="cizinecka-policie",
        name=Text(
            "Ohlášení místa pobytu",
            "Повідомлення про місце перебування",
            "Reporting your place of stay",
        ),
        description=Text(
            "Cizinci, kteří přijeli na krátkodobý pobyt, musí do tří pracovních dnů od příjezdu "
            "ohlásit místo pobytu, pokud to za ně neudělal ubytovatel.",
            "Іноземці, які приїхали на короткострокове перебування, мають протягом трьох робочих днів "
            "після приїзду повідомити про місце перебування, якщо цього не зробив за них орендодавець.",
            "Foreigners on a short stay must report their place of stay within three working days "
            "of arrival, unless their accommodation provider has done it for them.",
        ),
        eligibility=Text(
            "Cizinci na krátkodobém pobytu do 90 dnů.",
            "Іноземці на короткостроковому перебуванні до 90 днів.",
            "Foreigners on a short stay of up to 90 days.",
        ),
        application=Text(
            "Přijďte osobně s cestovním dokladem; formulář dostanete na místě.",
            "Прийдіть особисто з проїзним документом; бланк отримаєте на місці.",
            "Come in person with your travel document; you get the form there.",
        ),
        needs=("documents-residence", "residence-permit"),
        locations=("policie",),
        hours=OFFICE,
        phone="+420 974 000 231",
        languages=("cs", "en", "de"),
        reviewed_days_ago=300,
    ),
    DemoService(
        key="policie-viza",
        organization="cizinecka-policie",
        name=Text(
            "Výjezdní příkazy a prodloužení víza",
            "Виїзні накази та продовження візи",
            "Exit orders and visa extensions",
        ),
        description=Text(
            "Prodloužení krátkodobého víza v odůvodněných případech a vydání výjezdního příkazu, "
            "když vám skončilo pobytové oprávnění.",
            "Продовження короткострокової візи в обґрунтованих випадках і видача виїзного наказу, "
            "коли закінчився ваш дозвіл на перебування.",
            "Extension of a short-stay visa in justified cases, and an exit order when your residence "
            "permit has ended.",
        ),
        eligibility=Text(
            "Cizinci na krátkodobém vízu a ti, jimž skončil pobyt.",
            "Іноземці з короткостроковою візою та ті, в кого закінчилося перебування.",
            "Foreigners on a short-stay visa and those whose stay has ended.",
        ),
        application=Text(
            "Přijďte osobně co nejdříve, nejpozději v poslední den platnosti víza.",
            "Прийдіть особисто якнайшвидше, не пізніше останнього дня дії візи.",
            "Come in person as early as you can, at the latest on the last day your visa is valid.",
        ),
        needs=("documents-residence", "residence-permit"),
        locations=("policie",),
        hours=OFFICE_MO_WE,
        phone="+420 974 000 232",
        languages=("cs", "en"),
        fees=Text(
            "Správní poplatek za prodloužení víza.",
            "Адміністративний збір за продовження візи.",
            "An administrative fee for a visa extension.",
        ),
    ),
    # Úřad práce
    DemoService(
        key="up-humanitarni-davka",
        organization="up-liberec",
        name=Text("Humanitární dávka", "Гуманітарна допомога", "Humanitarian benefit"),
        description=Text(
            "Měsíční dávka pro držitele dočasné ochrany, kteří nemají dost peněz na živobytí. "
            "Vyplácí se na účet a je třeba ji pravidelně prodlužovat.",
            "Щомісячна допомога для власників тимчасового захисту, яким не вистачає грошей на життя. "
            "Виплачується на рахунок, її потрібно регулярно продовжувати.",
            "A monthly benefit for holders of temporary protection who lack money to live on. It is "
            "paid into a bank account and must be renewed regularly.",
        ),
        eligibility=Text(
            "Držitelé dočasné ochrany s nízkým příjmem, kteří mají v Česku hlášené ubytování.",
            "Власники тимчасового захисту з низьким доходом, які мають зареєстроване житло в Чехії.",
            "Holders of temporary protection on a low income with registered accommodation in Czechia.",
        ),
        application=Text(
            "Žádost podejte online přes portál Jenda nebo osobně na kontaktním pracovišti.",
            "Заяву подайте онлайн через портал Jenda або особисто в контактному офісі.",
            "Apply online on the Jenda portal or in person at the contact office.",
        ),
        needs=("social-benefits", "cash-assistance"),
        locations=("up-liberec", "up-ceska-lipa"),
        hours=OFFICE,
        phone="+420 950 000 241",
        languages=("cs", "uk"),
        statuses=(TEMPORARY_PROTECTION,),
        exceptions=(CHRISTMAS, TRAINING_DAY),
    ),
    DemoService(
        key="up-zprostredkovani",
        organization="up-liberec",
        name=Text(
            "Evidence uchazečů a zprostředkování zaměstnání",
            "Реєстрація шукачів роботи та посередництво у працевлаштуванні",
            "Jobseeker registration and job placement",
        ),
        description=Text(
            "Zařazení do evidence uchazečů o zaměstnání, nabídky volných míst v kraji a rozhovor "
            "s poradcem o tom, jakou práci hledáte a co umíte.",
            "Реєстрація як шукача роботи, пропозиції вакансій у краї та розмова з консультантом про те, "
            "яку роботу ви шукаєте і що вмієте.",
            "Registration as a jobseeker, vacancies in the region, and a talk with an adviser about "
            "the work you are looking for and your skills.",
        ),
        eligibility=Text(
            "Lidé s volným přístupem na trh práce, včetně držitelů dočasné ochrany a trvalého pobytu.",
            "Люди з вільним доступом до ринку праці, зокрема власники тимчасового захисту та постійного проживання.",
            "People with free access to the labour market, including holders of temporary protection "
            "and permanent residence.",
        ),
        application=Text(
            "Přijďte osobně s dokladem totožnosti a dokladem o pobytu; vhodný je i životopis.",
            "Прийдіть особисто з документом, що посвідчує особу, та документом про перебування; бажано мати резюме.",
            "Come in person with an identity document and proof of residence; a CV helps.",
        ),
        needs=("employment", "job-search"),
        locations=("up-liberec", "up-ceska-lipa"),
        hours=OFFICE,
        phone="+420 950 000 242",
        languages=("cs", "en"),
        statuses=(TEMPORARY_PROTECTION, PERMANENT_RESIDENCE, ASYLUM, SUBSIDIARY_PROTECTION),
    ),
    DemoService(
        key="up-rekvalifikace",
        organization="up-liberec",
        name=Text("Rekvalifikační kurzy", "Курси перекваліфікації", "Retraining courses"),
        description=Text(
            "Úřad práce hradí kurzy, které zvyšují šanci na práci: svařování, obsluha vysokozdvižného "
            "vozíku, účetnictví, pečovatelství, práce na PC. Kurzy vedou akreditovaná školicí střediska.",
            "Центр зайнятості оплачує курси, що підвищують шанси на роботу: зварювання, керування "
            "навантажувачем, бухгалтерія, догляд за людьми, робота з ПК. Курси проводять акредитовані "
            "навчальні центри.",
            "The Labour Office pays for courses that improve your chances of a job: welding, forklift "
            "operation, accounting, care work, computer skills. Accredited training centres teach them.",
        ),
        eligibility=Text(
            "Uchazeči o zaměstnání v evidenci úřadu práce; některé kurzy vyžadují češtinu na úrovni A2.",
            "Зареєстровані шукачі роботи; деякі курси вимагають знання чеської на рівні A2.",
            "Jobseekers registered with the Labour Office; some courses require Czech at level A2.",
        ),
        application=Text(
            "Domluvte se se svým poradcem na úřadu práce; vybraný kurz schválí do dvou týdnů.",
            "Домовтеся зі своїм консультантом у центрі зайнятості; обраний курс погодять протягом двох тижнів.",
            "Talk to your adviser at the Labour Office; the chosen course is approved within two weeks.",
        ),
        needs=("employment", "requalification"),
        locations=("up-liberec",),
        hours=OFFICE_MO_WE,
        phone="+420 950 000 243",
        languages=("cs",),
        statuses=(TEMPORARY_PROTECTION, PERMANENT_RESIDENCE, ASYLUM, SUBSIDIARY_PROTECTION),
        capacity=(DemoCapacity("course-place", 9, 48, updated_days_ago=6),),
        minimum_age=18,
    ),
    DemoService(
        key="up-davky-ssp",
        organization="up-liberec",
        name=Text(
            "Přídavek na dítě a příspěvek na bydlení",
            "Допомога на дитину та допомога на житло",
            "Child benefit and housing allowance",
        ),
        description=Text(
            "Dávky státní sociální podpory pro rodiny s nízkými příjmy a pro domácnosti, které "
            "vydávají na bydlení velkou část příjmu.",
            "Виплати державної соціальної підтримки для сімей з низьким доходом і для домогосподарств, "
            "які витрачають на житло велику частину доходу.",
            "State social support benefits for low-income families and for households that spend a "
            "large part of their income on housing.",
        ),
        eligibility=Text(
            "Cizinci s trvalým pobytem, azylanti a další cizinci s pobytem delším než rok.",
            "Іноземці з постійним проживанням, особи з притулком та інші іноземці з перебуванням понад рік.",
            "Foreigners with permanent residence, people granted asylum, and others staying longer than a year.",
        ),
        application=Text(
            "Žádost podáte online nebo na kontaktním pracovišti; přineste doklady o příjmech a nákladech na bydlení.",
            "Заяву подайте онлайн або в контактному офісі; принесіть документи про доходи та витрати на житло.",
            "Apply online or at the contact office; bring proof of income and housing costs.",
        ),
        needs=("social-benefits", "housing-search"),
        locations=("up-liberec", "up-ceska-lipa"),
        hours=OFFICE,
        phone="+420 950 000 244",
        languages=("cs",),
        statuses=(PERMANENT_RESIDENCE, ASYLUM, SUBSIDIARY_PROTECTION, LONG_TERM_RESIDENCE),
        reviewed_days_ago=150,
    ),
    DemoService(
        key="up-hmotna-nouze",
        organization="up-liberec",
        name=Text(
            "Pomoc v hmotné nouzi",
            "Допомога в матеріальній скруті",
            "Assistance in material need",
        ),
        description=Text(
            "Příspěvek na živobytí, doplatek na bydlení a mimořádná okamžitá pomoc pro lidi, kteří "
            "se ocitli bez prostředků.",
            "Допомога на прожиття, доплата на житло та надзвичайна негайна допомога для людей, "
            "які залишилися без коштів.",
            "Living allowance, a housing supplement and extraordinary immediate assistance for people "
            "left without means.",
        ),
        eligibility=Text(
            "Osoby s trvalým pobytem, azylanti a osoby s doplňkovou ochranou bez dostatečného příjmu.",
            "Особи з постійним проживанням, з притулком і з додатковим захистом без достатнього доходу.",
            "People with permanent residence, asylum or subsidiary protection without sufficient income.",
        ),
        application=Text(
            "Přijďte na kontaktní pracoviště; o mimořádné okamžité pomoci se rozhoduje týž den.",
            "Прийдіть до контактного офісу; про надзвичайну негайну допомогу вирішують того ж дня.",
            "Come to the contact office; extraordinary immediate assistance is decided the same day.",
        ),
        needs=("social-benefits", "cash-assistance"),
        locations=("up-liberec",),
        hours=OFFICE,
        phone="+420 950 000 245",
        languages=("cs",),
        statuses=(PERMANENT_RESIDENCE, ASYLUM, SUBSIDIARY_PROTECTION),
    ),
]

_services += [
    # CPIC, the regional integration centre
    DemoService(
        key="cpic-socialni-poradenstvi",
        organization="cpic-liberec",
        name=Text("Sociální poradenství", "Соціальні консультації", "Social counselling"),
        description=Text(
            "Pomůžeme vyřídit dávky, pojištění, bydlení nebo školu pro děti, vyplnit formuláře "
            "a porozumět dopisům z úřadů.",
            "Допоможемо оформити виплати, страхування, житло чи школу для дітей, заповнити бланки "
            "та зрозуміти листи від установ.",
            "We help you sort out benefits, insurance, housing or school for your children, fill in "
            "forms and understand letters from authorities.",
        ),
        eligibility=Text(
            "Cizinci ze zemí mimo EU s oprávněným pobytem v Česku, včetně dočasné ochrany.",
            "Іноземці з країн поза ЄС із законним перебуванням у Чехії, зокрема з тимчасовим захистом.",
            "Foreigners from outside the EU staying legally in Czechia, temporary protection included.",
        ),
        application=Text(
            "Objednejte se telefonicky nebo e-mailem; v pondělí odpoledne bez objednání.",
            "Запишіться телефоном або електронною поштою; у понеділок після обіду – без запису.",
            "Book by phone or e-mail; on Monday afternoons no appointment is needed.",
        ),
        needs=("social-benefits", "housing-search", "health-insurance", "documents-residence"),
        locations=("cpic-voronezska",),
        hours=CPIC_HOURS,
        phone="+420 485 000 251",
        languages=("cs", "uk", "ru", "en"),
        statuses=THIRD_COUNTRY_LEGAL,
    ),
    DemoService(
        key="cpic-pravni-poradenstvi",
        organization="cpic-liberec",
        name=Text(
            "Právní poradenství k pobytu",
            "Юридичні консультації щодо перебування",
            "Legal counselling on residence",
        ),
        description=Text(
            "Právník vysvětlí podmínky pobytu, pomůže se žádostí o prodloužení nebo změnu pobytu, "
            "s odvoláním proti rozhodnutí a se sloučením rodiny.",
            "Юрист пояснить умови перебування, допоможе із заявою на продовження чи зміну перебування, "
            "з оскарженням рішення та з возз’єднанням сім’ї.",
            "A lawyer explains the conditions of your stay and helps with an application to extend or "
            "change it, with an appeal against a decision and with family reunification.",
        ),
        eligibility=Text(
            "Cizinci ze zemí mimo EU s oprávněným pobytem v Libereckém kraji.",
            "Іноземці з країн поза ЄС із законним перебуванням у Ліберецькому краї.",
            "Foreigners from outside the EU staying legally in the Liberec Region.",
        ),
        application=Text(
            "Jen po objednání; vezměte s sebou pas a všechny dopisy z ministerstva.",
            "Лише за записом; візьміть паспорт і всі листи від міністерства.",
            "By appointment only; bring your passport and all letters from the ministry.",
        ),
        needs=("legal-counselling", "documents-residence", "residence-permit"),
        locations=("cpic-voronezska",),
        hours=(Interval((TU,), "09:00", "16:00"), Interval((TH,), "12:00", "17:00")),
        phone="+420 485 000 252",
        languages=("cs", "uk", "en"),
        statuses=THIRD_COUNTRY_LEGAL,
        capacity=(DemoCapacity("consultation-slot", 4, 16, updated_days_ago=2),),
    ),
    DemoService(
        key="cpic-cestina-a1",
        organization="cpic-liberec",
        name=Text("Kurz češtiny pro začátečníky (A1)", "Курс чеської для початківців (A1)", "Czech for beginners (A1)"),
        description=Text(
            "Kurz pro úplné začátečníky: základní fráze, čísla, nakupování, u lékaře, na úřadě. "
            "Dvakrát týdně večer, 60 lekcí, učebnice zdarma.",
            "Курс для повних початківців: базові фрази, числа, покупки, у лікаря, в установі. "
            "Двічі на тиждень увечері, 60 уроків, підручник безкоштовно.",
            "A course for complete beginners: basic phrases, numbers, shopping, at the doctor's, at "
            "an office. Two evenings a week, 60 lessons, free textbook.",
        ),
        eligibility=Text(
            "Dospělí cizinci ze zemí mimo EU s oprávněným pobytem.",
            "Дорослі іноземці з країн поза ЄС із законним перебуванням.",
            "Adult foreigners from outside the EU staying legally.",
        ),
        application=Text(
            "Přihlaste se na recepci nebo telefonicky; před začátkem kurzu proběhne krátký rozhovor.",
            "Запишіться на рецепції або телефоном; перед початком курсу буде коротка співбесіда.",
            "Sign up at reception or by phone; there is a short interview before the course starts.",
        ),
        needs=("czech-language",),
        locations=("cpic-voronezska",),
        hours=EVENING_COURSE,
        phone="+420 485 000 253",
        languages=("cs", "uk", "ru"),
        statuses=THIRD_COUNTRY_LEGAL,
        exceptions=(CHRISTMAS, SUMMER_BREAK),
        capacity=(DemoCapacity("course-place", 3, 16, updated_days_ago=3),),
        minimum_age=16,
    ),
    DemoService(
        key="cpic-cestina-a2",
        organization="cpic-liberec",
        name=Text(
            "Kurz češtiny pro mírně pokročilé (A2)",
            "Курс чеської для середнього рівня (A2)",
            "Czech for pre-intermediate learners (A2)",
        ),
        description=Text(
            "Navazující kurz: konverzace v běžných situacích, psaní e-mailů a vyplňování formulářů, "
            "porozumění dopisům z úřadů.",
            "Наступний курс: розмова в повсякденних ситуаціях, написання листів і заповнення бланків, "
            "розуміння листів з установ.",
            "A follow-on course: conversation in everyday situations, writing e-mails, filling in "
            "forms and understanding official letters.",
        ),
        eligibility=Text(
            "Absolventi kurzu A1 nebo lidé se srovnatelnou znalostí češtiny.",
            "Випускники курсу A1 або люди з порівнянним рівнем чеської.",
            "People who finished the A1 course or speak Czech at a similar level.",
        ),
        application=Text(
            "Přihlaste se na recepci; úroveň ověříme krátkým testem.",
            "Запишіться на рецепції; рівень перевіримо коротким тестом.",
            "Sign up at reception; a short test checks your level.",
        ),
        needs=("czech-language",),
        locations=("cpic-voronezska",),
        hours=MORNING_COURSE,
        phone="+420 485 000 253",
        languages=("cs",),
        statuses=THIRD_COUNTRY_LEGAL,
        exceptions=(CHRISTMAS, SUMMER_BREAK),
        capacity=(DemoCapacity("course-place", 0, 14, updated_days_ago=10),),
        minimum_age=16,
    ),
    DemoService(
        key="cpic-zkouska-a2",
        organization="cpic-liberec",
        name=Text(
            "Příprava na zkoušku z češtiny k trvalému pobytu",
            "Підготовка до іспиту з чеської для постійного проживання",
            "Preparing for the Czech exam for permanent residence",
        ),
        description=Text(
            "Intenzivní příprava na zkoušku z českého jazyka na úrovni A2: modelové testy, poslech, "
            "ústní část nanečisto.",
            "Інтенсивна підготовка до іспиту з чеської мови рівня A2: зразкові тести, аудіювання, пробна усна частина.",
            "Intensive preparation for the A2 Czech language exam: sample tests, listening, a mock oral part.",
        ),
        eligibility=Text(
            "Cizinci, kteří se chystají žádat o trvalý pobyt.",
            "Іноземці, які збираються подавати заяву на постійне проживання.",
            "Foreigners planning to apply for permanent residence.",
        ),
        application=Text(
            "Přihlaste se e-mailem nebo na recepci; kurz se otevírá čtyřikrát do roka.",
            "Запишіться електронною поштою або на рецепції; курс відкривається чотири рази на рік.",
            "Sign up by e-mail or at reception; the course opens four times a year.",
        ),
        needs=("czech-language", "residence-permit"),
        locations=("cpic-voronezska",),
        hours=(Interval((WE,), "16:30", "19:00"),),
        phone="+420 485 000 253",
        languages=("cs",),
        statuses=(LONG_TERM_RESIDENCE, LONG_TERM_VISA),
        exceptions=(CHRISTMAS, SUMMER_BREAK),
        capacity=(DemoCapacity("course-place", 5, 12, updated_days_ago=4),),
    ),
    DemoService(
        key="cpic-letni-kurz",
        organization="cpic-liberec",
        name=Text(
            "Intenzivní kurz češtiny v České Lípě",
            "Інтенсивний курс чеської в Чеській Липі",
            "Intensive Czech course in Česká Lípa",
        ),
        description=Text(
            "Dopolední kurz čtyřikrát týdně na pobočce v České Lípě, s hlídáním dětí během výuky.",
            "Ранковий курс чотири рази на тиждень у філії в Чеській Липі, з доглядом за дітьми під час занять.",
            "A morning course four times a week at the Česká Lípa branch, with childcare during lessons.",
        ),
        eligibility=Text(
            "Dospělí cizinci ze zemí mimo EU, zejména rodiče malých dětí.",
            "Дорослі іноземці з країн поза ЄС, передусім батьки малих дітей.",
            "Adult foreigners from outside the EU, especially parents of small children.",
        ),
        application=Text(
            "Přihlaste se na pobočce v České Lípě nebo telefonicky.",
            "Запишіться у філії в Чеській Липі або телефоном.",
            "Sign up at the Česká Lípa branch or by phone.",
        ),
        needs=("czech-language",),
        locations=("cpic-ceska-lipa",),
        hours=(Interval((MO, TU, WE, TH), "09:00", "11:30"),),
        phone="+420 487 000 254",
        languages=("cs", "uk", "vi"),
        statuses=THIRD_COUNTRY_LEGAL,
        areas=(ORP_CESKA_LIPA, ORP_NOVY_BOR),
        exceptions=(CHRISTMAS, SUMMER_BREAK),
        capacity=(DemoCapacity("course-place", 6, 12, updated_days_ago=1),),
    ),
    DemoService(
        key="cpic-sociokulturni",
        organization="cpic-liberec",
        name=Text(
            "Kurz sociokulturní orientace",
            "Курс соціокультурної орієнтації",
            "Socio-cultural orientation course",
        ),
        description=Text(
            "Jak funguje život v Česku: zdravotnictví, škola, práce a daně, bydlení, úřady a práva "
            "a povinnosti cizinců. Výklad v ukrajinštině nebo ruštině.",
            "Як влаштоване життя в Чехії: охорона здоров’я, школа, робота й податки, житло, установи, "
            "права та обов’язки іноземців. Заняття українською або російською.",
            "How life in Czechia works: health care, school, work and taxes, housing, authorities, "
            "and foreigners' rights and duties. Taught in Ukrainian or Russian.",
        ),
        eligibility=Text(
            "Nově příchozí cizinci ze zemí mimo EU.",
            "Новоприбулі іноземці з країн поза ЄС.",
            "Newly arrived foreigners from outside the EU.",
        ),
        application=Text(
            "Přihlaste se na recepci nebo telefonicky; kurz trvá čtyři odpoledne.",
            "Запишіться на рецепції або телефоном; курс триває чотири пообідні заняття.",
            "Sign up at reception or by phone; the course runs over four afternoons.",
        ),
        needs=("community-leisure", "documents-residence", "employment"),
        locations=("cpic-voronezska",),
        hours=(Interval((TH,), "14:00", "17:00"),),
        phone="+420 485 000 251",
        languages=("cs", "uk", "ru"),
        statuses=THIRD_COUNTRY_LEGAL,
        exceptions=(CHRISTMAS, SUMMER_BREAK),
        capacity=(DemoCapacity("course-place", 11, 20, updated_days_ago=5),),
    ),
    DemoService(
        key="cpic-adaptacni-kurz",
        organization="cpic-liberec",
        name=Text(
            "Adaptačně-integrační kurz „Vítejte v ČR“",
            "Адаптаційно-інтеграційний курс «Ласкаво просимо до Чехії»",
            'Adaptation and integration course "Welcome to the Czech Republic"',
        ),
        description=Text(
            "Povinný jednodenní kurz pro nově příchozí s dlouhodobým pobytem: osm hodin základních "
            "informací o právech, povinnostech a životě v Česku, s tlumočníkem.",
            "Обов’язковий одноденний курс для новоприбулих із довгостроковим перебуванням: вісім годин "
            "основної інформації про права, обов’язки та життя в Чехії, з перекладачем.",
            "A compulsory one-day course for newcomers with long-term residence: eight hours of basic "
            "information about rights, duties and life in Czechia, with an interpreter.",
        ),
        eligibility=Text(
            "Cizinci, kteří získali dlouhodobé vízum nebo dlouhodobý pobyt a mají povinnost kurz absolvovat.",
            "Іноземці, які отримали довгострокову візу або довгострокове перебування і мають обов’язок пройти курс.",
            "Foreigners granted a long-term visa or residence who are required to take the course.",
        ),
        application=Text(
            "Registrujte se na webu kurzu do jednoho roku od získání pobytu; kurz je zpoplatněn.",
            "Зареєструйтеся на сайті курсу протягом року після отримання дозволу на перебування; курс платний.",
            "Register on the course website within a year of being granted residence; there is a fee.",
        ),
        needs=("documents-residence", "residence-permit", "community-leisure"),
        locations=("cpic-voronezska",),
        hours=(Interval((SA,), "08:30", "16:30"),),
        phone="+420 485 000 255",
        languages=("cs", "uk", "ru", "en", "vi"),
        statuses=(LONG_TERM_VISA, LONG_TERM_RESIDENCE),
        fees=Text("Poplatek 1 500 Kč.", "Плата 1 500 крон.", "A fee of CZK 1,500."),
        capacity=(DemoCapacity("course-place", 8, 30, updated_days_ago=7),),
        reviewed_days_ago=45,
    ),
    DemoService(
        key="cpic-tlumoceni",
        organization="cpic-liberec",
        name=Text("Komunitní tlumočení", "Громадський переклад", "Community interpreting"),
        description=Text(
            "Tlumočník doprovodí klienta k lékaři, do školy, na úřad nebo k zaměstnavateli a pomůže "
            "s porozuměním. Ukrajinština, ruština, vietnamština, mongolština.",
            "Перекладач супроводить клієнта до лікаря, школи, установи чи роботодавця і допоможе "
            "порозумітися. Українська, російська, в’єтнамська, монгольська мови.",
            "An interpreter goes with you to the doctor, school, an office or your employer and helps "
            "you understand each other. Ukrainian, Russian, Vietnamese, Mongolian.",
        ),
        eligibility=Text(
            "Klienti CPIC; pro školy a lékaře v kraji po dohodě.",
            "Клієнти CPIC; для шкіл і лікарів у краї – за домовленістю.",
            "CPIC clients; for schools and doctors in the region by arrangement.",
        ),
        application=Text(
            "Objednejte tlumočení alespoň tři pracovní dny předem.",
            "Замовте переклад щонайменше за три робочі дні.",
            "Book an interpreter at least three working days ahead.",
        ),
        needs=("interpreting",),
        locations=("cpic-voronezska", "cpic-ceska-lipa"),
        hours=CPIC_HOURS,
        phone="+420 485 000 256",
        languages=("cs", "uk", "ru", "vi", "mn"),
        statuses=THIRD_COUNTRY_LEGAL,
    ),
    DemoService(
        key="cpic-skoly",
        organization="cpic-liberec",
        name=Text(
            "Pomoc se zápisem dětí do školy",
            "Допомога із записом дітей до школи",
            "Help enrolling children in school",
        ),
        description=Text(
            "Poradíme, jak najít školku nebo školu se spádovou povinností, doprovodíme k zápisu "
            "a pomůžeme s uznáním vysvědčení ze zahraničí.",
            "Порадимо, як знайти садочок або школу за місцем проживання, супроводимо на запис "
            "і допоможемо з визнанням закордонного свідоцтва.",
            "We advise how to find the kindergarten or school for your address, go with you to "
            "enrolment and help with recognition of a school report from abroad.",
        ),
        eligibility=Text(
            "Rodiče dětí cizinců ze zemí mimo EU.",
            "Батьки дітей-іноземців з країн поза ЄС.",
            "Parents of foreign children from outside the EU.",
        ),
        application=Text(
            "Zavolejte nebo přijďte na recepci; vezměte rodný list dítěte a poslední vysvědčení.",
            "Зателефонуйте або прийдіть на рецепцію; візьміть свідоцтво про народження дитини й останній табель.",
            "Call or come to reception; bring the child's birth certificate and latest school report.",
        ),
        needs=("education", "school-enrolment", "kindergarten", "recognition-of-education"),
        locations=("cpic-voronezska",),
        hours=CPIC_HOURS,
        phone="+420 485 000 251",
        languages=("cs", "uk", "ru"),
        statuses=THIRD_COUNTRY_LEGAL,
    ),
    DemoService(
        key="cpic-ceska-lipa-poradna",
        organization="cpic-liberec",
        name=Text(
            "Poradna CPIC v České Lípě",
            "Консультаційний пункт CPIC у Чеській Липі",
            "CPIC advice desk in Česká Lípa",
        ),
        description=Text(
            "Sociální a pobytové poradenství pro cizince z Českolipska a Novoborska, jednou týdně i s právníkem.",
            "Соціальні консультації та консультації щодо перебування для іноземців з Чеськолипського "
            "та Новоборського регіонів, раз на тиждень – також з юристом.",
            "Social and residence advice for foreigners from the Česká Lípa and Nový Bor areas, with a "
            "lawyer once a week.",
        ),
        eligibility=Text(
            "Cizinci ze zemí mimo EU s oprávněným pobytem.",
            "Іноземці з країн поза ЄС із законним перебуванням.",
            "Foreigners from outside the EU staying legally.",
        ),
        application=Text(
            "V úterý bez objednání, jindy po telefonické domluvě.",
            "У вівторок без запису, в інші дні – за телефонною домовленістю.",
            "On Tuesdays without an appointment, on other days by arrangement by phone.",
        ),
        needs=("social-benefits", "legal-counselling", "documents-residence"),
        locations=("cpic-ceska-lipa",),
        hours=(Interval((TU,), "09:00", "17:00"), Interval((TH,), "09:00", "13:00")),
        phone="+420 487 000 257",
        languages=("cs", "uk", "vi"),
        statuses=THIRD_COUNTRY_LEGAL,
        areas=(ORP_CESKA_LIPA, ORP_NOVY_BOR),
        reviewed_days_ago=365,
    ),
]


@dataclass(frozen=True)
class _Town:
    """A town whose office gives the municipal services, with its name as each language bends it."""

    organization: str
    location: str
    orp: str
    in_cs: str  # "v Liberci"
    in_uk: str  # "у Ліберці"
    in_en: str  # "in Liberec"
    phone_prefix: str  # "+420 485 000 3"
    class_places: tuple[int, int] | None = None


_TOWNS: Final = (
    _Town(
        "mesto-liberec",
        "magistrat-liberec",
        ORP_LIBEREC,
        "v Liberci",
        "у Ліберці",
        "in Liberec",
        "+420 485 000 3",
        (6, 40),
    ),
    _Town(
        "mesto-jablonec",
        "magistrat-jablonec",
        ORP_JABLONEC,
        "v Jablonci nad Nisou",
        "в Яблонці-над-Нісою",
        "in Jablonec nad Nisou",
        "+420 483 000 3",
        (2, 24),
    ),
    _Town(
        "mesto-ceska-lipa",
        "mestsky-urad-ceska-lipa",
        ORP_CESKA_LIPA,
        "v České Lípě",
        "у Чеській Липі",
        "in Česká Lípa",
        "+420 487 000 3",
        (4, 20),
    ),
    _Town("mesto-turnov", "mestsky-urad-turnov", ORP_TURNOV, "v Turnově", "у Турнові", "in Turnov", "+420 481 000 3"),
    _Town("mesto-semily", "mestsky-urad-semily", ORP_SEMILY, "v Semilech", "у Семилах", "in Semily", "+420 481 000 4"),
)


def _municipal_services(town: _Town, number: int) -> list[DemoService]:
    """Return what every town office with extended powers gives: social work, child protection, schools."""
    key = town.organization.removeprefix("mesto-")
    services = [
        DemoService(
            key=f"{key}-socialni-prace",
            organization=town.organization,
            name=Text(
                f"Sociální práce pro cizince {town.in_cs}",
                f"Соціальна робота з іноземцями {town.in_uk}",
                f"Social work for foreigners {town.in_en}",
            ),
            description=Text(
                "Sociální pracovník městského úřadu pomůže v nepříznivé situaci: ztráta bydlení, "
                "dluhy, nárok na dávky, jednání s úřady. Spolupracuje s neziskovými organizacemi v kraji.",
                "Соціальний працівник міської ради допоможе у складній ситуації: втрата житла, борги, "
                "право на виплати, спілкування з установами. Співпрацює з неприбутковими організаціями краю.",
                "A social worker of the town office helps in hard times: losing your home, debts, your "
                "right to benefits, dealing with authorities. Works with non-profits in the region.",
            ),
            eligibility=Text(
                "Obyvatelé správního obvodu, kteří se ocitli v nepříznivé sociální situaci, "
                "bez ohledu na státní občanství.",
                "Мешканці адміністративного округу у складній соціальній ситуації, незалежно від громадянства.",
                "People living in the district who are in social difficulty, whatever their citizenship.",
            ),
            application=Text(
                "Přijďte v úředních hodinách nebo si domluvte schůzku telefonicky.",
                "Приходьте в години прийому або домовтеся про зустріч телефоном.",
                "Come during office hours or arrange a meeting by phone.",
            ),
            needs=("social-benefits", "housing-search", "accommodation"),
            locations=(town.location,),
            hours=OFFICE_APPOINTMENTS,
            phone=f"{town.phone_prefix}{number:02d}",
            languages=("cs", "en") if key in {"liberec", "jablonec"} else ("cs",),
            areas=(town.orp,),
        ),
        DemoService(
            key=f"{key}-ospod",
            organization=town.organization,
            name=Text(
                f"Sociálně-právní ochrana dětí (OSPOD) {town.in_cs}",
                f"Соціально-правовий захист дітей (OSPOD) {town.in_uk}",
                f"Child protection (OSPOD) {town.in_en}",
            ),
            description=Text(
                "Orgán sociálně-právní ochrany dětí: pomoc rodinám v krizi, děti bez doprovodu, "
                "opatrovnictví, náhradní rodinná péče a ochrana dětí ohrožených násilím.",
                "Орган соціально-правового захисту дітей: допомога сім’ям у кризі, діти без супроводу, "
                "опіка, прийомні сім’ї та захист дітей, яким загрожує насильство.",
                "The child protection authority: help for families in crisis, unaccompanied children, "
                "guardianship, foster care and protection of children at risk of violence.",
            ),
            eligibility=Text(
                "Děti a rodiny ve správním obvodu, včetně dětí cizinců a dětí bez doprovodu.",
                "Діти та сім’ї в адміністративному окрузі, зокрема діти іноземців і діти без супроводу.",
                "Children and families in the district, including foreign and unaccompanied children.",
            ),
            application=Text(
                "Přijďte osobně nebo zavolejte; v akutním ohrožení dítěte volejte 158.",
                "Прийдіть особисто або зателефонуйте; якщо дитині загрожує небезпека, дзвоніть 158.",
                "Come in person or call; if a child is in immediate danger, call 158.",
            ),
            needs=("child-protection",),
            locations=(town.location,),
            hours=OFFICE,
            phone=f"{town.phone_prefix}{number + 1:02d}",
            languages=("cs",),
            areas=(town.orp,),
            maximum_age=17,
        ),
    ]
    if town.class_places:
        free, total = town.class_places
        services.append(
            DemoService(
                key=f"{key}-zapis-skoly",
                organization=town.organization,
                name=Text(
                    f"Zápis do mateřských a základních škol {town.in_cs}",
                    f"Запис до дитячих садків і шкіл {town.in_uk}",
                    f"Enrolment in kindergartens and schools {town.in_en}",
                ),
                description=Text(
                    "Odbor školství poradí, do které spádové mateřské nebo základní školy dítě patří, "
                    "a vede přehled volných míst ve třídách městských škol během roku.",
                    "Відділ освіти підкаже, до якого садочка чи школи за місцем проживання належить дитина, "
                    "і веде облік вільних місць у класах міських шкіл протягом року.",
                    "The education department tells you which catchment kindergarten or school your child "
                    "belongs to and keeps track of free places in town school classes during the year.",
                ),
                eligibility=Text(
                    "Rodiče dětí od 3 do 15 let bydlících ve městě, včetně dětí s dočasnou ochranou.",
                    "Батьки дітей віком від 3 до 15 років, які живуть у місті, зокрема дітей з тимчасовим захистом.",
                    "Parents of children aged 3 to 15 living in the town, children with temporary protection included.",
                ),
                application=Text(
                    "Zápis do mateřských škol probíhá v květnu, do základních v dubnu; během roku "
                    "se obraťte na odbor školství.",
                    "Запис до садочків відбувається у травні, до шкіл – у квітні; протягом року "
                    "звертайтеся до відділу освіти.",
                    "Kindergarten enrolment is in May, school enrolment in April; during the year "
                    "ask the education department.",
                ),
                needs=("education", "kindergarten", "school-enrolment"),
                locations=(town.location,),
                hours=OFFICE_MO_WE,
                phone=f"{town.phone_prefix}{number + 2:02d}",
                languages=("cs",),
                areas=(town.orp,),
                capacity=(DemoCapacity("class-place", free, total, updated_days_ago=8),),
                minimum_age=3,
                maximum_age=15,
            )
        )
    return services


for _number, _town in enumerate(_TOWNS):
    _services += _municipal_services(_town, 10 + 10 * _number)

_services += [
    DemoService(
        key="liberec-azylovy-dum",
        organization="mesto-liberec",
        name=Text(
            "Azylový dům pro matky s dětmi",
            "Притулок для матерів з дітьми",
            "Shelter for mothers with children",
        ),
        description=Text(
            "Přechodné ubytování až na jeden rok pro matky s dětmi bez domova, se sociální prací, "
            "pomocí s hledáním bydlení a s dětským koutkem.",
            "Тимчасове житло до одного року для матерів з дітьми без житла, із соціальною роботою, "
            "допомогою в пошуку житла та дитячим куточком.",
            "Temporary accommodation for up to a year for homeless mothers with children, with social "
            "work, help finding a home, and a children's corner.",
        ),
        eligibility=Text(
            "Matky (i těhotné) s dětmi do 18 let, které přišly o bydlení.",
            "Матері (зокрема вагітні) з дітьми до 18 років, які втратили житло.",
            "Mothers (pregnant women too) with children under 18 who have lost their home.",
        ),
        application=Text(
            "Zavolejte a domluvte si vstupní pohovor; v naléhavých případech přijímáme ještě týž den.",
            "Зателефонуйте й домовтеся про вступну співбесіду; у термінових випадках приймаємо того ж дня.",
            "Call to arrange an intake interview; in urgent cases we take you in the same day.",
        ),
        needs=("accommodation", "emergency-accommodation", "child-protection"),
        locations=("azylovy-dum-liberec",),
        hours=NONSTOP,
        phone="+420 485 000 319",
        languages=("cs", "uk"),
        areas=(ORP_LIBEREC,),
        exceptions=(),
        open_on_public_holidays=True,
        capacity=(DemoCapacity("bed", 3, 28, updated_days_ago=1),),
        fees=Text(
            "Úhrada za ubytování 150 Kč za den pro dospělého, 100 Kč pro dítě.",
            "Плата за проживання 150 крон на день для дорослого, 100 крон для дитини.",
            "Accommodation costs CZK 150 a day per adult and CZK 100 per child.",
        ),
    ),
    DemoService(
        key="jablonec-ubytovna",
        organization="mesto-jablonec",
        name=Text(
            "Krizové bydlení v městské ubytovně",
            "Кризове житло в міському гуртожитку",
            "Crisis housing in the municipal hostel",
        ),
        description=Text(
            "Pokoje pro jednotlivce a rodiny, které se ocitly bez střechy nad hlavou, na dobu "
            "nezbytně nutnou, se společnou kuchyní a pračkou.",
            "Кімнати для окремих людей і сімей, які залишилися без даху над головою, на необхідний "
            "строк, зі спільною кухнею та пральною машиною.",
            "Rooms for individuals and families left without a roof over their heads, for as long as "
            "needed, with a shared kitchen and washing machine.",
        ),
        eligibility=Text(
            "Lidé bez bydlení v Jablonci nad Nisou a okolí, doporučení sociálním pracovníkem.",
            "Люди без житла в Яблонці-над-Нісою та околицях за направленням соціального працівника.",
            "People without a home in and around Jablonec nad Nisou, referred by a social worker.",
        ),
        application=Text(
            "Obraťte se na sociální práci městského úřadu, která pokoj zprostředkuje.",
            "Зверніться до соціальної роботи міської ради, яка надасть кімнату.",
            "Contact the town office's social work, which arranges the room.",
        ),
        needs=("accommodation", "emergency-accommodation"),
        locations=("ubytovna-jablonec",),
        hours=(Interval((MO, TU, WE, TH, FR), "07:00", "15:30"),),
        phone="+420 483 000 329",
        languages=("cs",),
        areas=(ORP_JABLONEC, ORP_TANVALD),
        capacity=(DemoCapacity("bed", 5, 34, updated_days_ago=3),),
        fees=Text(
            "120 Kč za lůžko a noc.",
            "120 крон за ліжко за ніч.",
            "CZK 120 per bed per night.",
        ),
    ),
    DemoService(
        key="ceska-lipa-potraviny",
        organization="mesto-ceska-lipa",
        name=Text("Výdej potravinové pomoci", "Видача продуктової допомоги", "Food aid distribution"),
        description=Text(
            "Jednou týdně výdej potravin a drogerie z Potravinové banky Libereckého kraje pro "
            "domácnosti v tíživé situaci.",
            "Раз на тиждень видача продуктів і засобів гігієни з Продовольчого банку Ліберецького краю "
            "для домогосподарств у скрутному становищі.",
            "Once a week, food and toiletries from the Liberec Region Food Bank for households in hardship.",
        ),
        eligibility=Text(
            "Domácnosti v tíživé situaci s doporučením sociálního pracovníka.",
            "Домогосподарства у скрутному становищі з направленням соціального працівника.",
            "Households in hardship with a social worker's referral.",
        ),
        application=Text(
            "Přijďte ve čtvrtek s doporučením a vlastní taškou.",
            "Приходьте в четвер з направленням і власною сумкою.",
            "Come on Thursday with your referral and your own bag.",
        ),
        needs=("material-aid", "food-aid"),
        locations=("vydejna-ceska-lipa",),
        hours=(Interval((TH,), "13:00", "16:00"),),
        phone="+420 487 000 339",
        languages=("cs", "uk"),
        areas=(ORP_CESKA_LIPA,),
        reviewed_days_ago=95,
    ),
]

_services += [
    # Poradna Most (demo)
    DemoService(
        key="most-pravni-poradna",
        organization="poradna-most",
        name=Text(
            "Právní poradna pro cizince",
            "Юридична консультація для іноземців",
            "Legal advice centre for foreigners",
        ),
        description=Text(
            "Bezplatné právní poradenství k pobytu, mezinárodní a dočasné ochraně, sloučení rodiny "
            "a občanství. Sepíšeme odvolání a zastoupíme vás v řízení.",
            "Безкоштовні юридичні консультації щодо перебування, міжнародного й тимчасового захисту, "
            "возз’єднання сім’ї та громадянства. Складемо апеляцію та представлятимемо вас у провадженні.",
            "Free legal advice on residence, international and temporary protection, family "
            "reunification and citizenship. We write appeals and represent you in proceedings.",
        ),
        eligibility=Text(
            "Všichni cizinci v Libereckém kraji bez ohledu na pobytový status.",
            "Усі іноземці в Ліберецькому краї незалежно від статусу перебування.",
            "All foreigners in the Liberec Region, whatever their residence status.",
        ),
        application=Text(
            "Objednejte se telefonicky nebo e-mailem; v naléhavých případech (lhůta k odvolání) přijmeme hned.",
            "Запишіться телефоном або електронною поштою; у термінових випадках (строк оскарження) приймемо одразу.",
            "Book by phone or e-mail; in urgent cases (an appeal deadline) we see you straight away.",
        ),
        needs=("legal-counselling", "documents-residence", "temporary-protection", "residence-permit"),
        locations=("most-liberec",),
        hours=COUNSELLING,
        phone="+420 777 000 501",
        languages=("cs", "uk", "ru", "en"),
        capacity=(DemoCapacity("consultation-slot", 6, 20, updated_days_ago=1),),
    ),
    DemoService(
        key="most-pracovni-pravo",
        organization="poradna-most",
        name=Text(
            "Poradna pracovního práva",
            "Консультації з трудового права",
            "Employment law advice",
        ),
        description=Text(
            "Pomůžeme, když vám zaměstnavatel nebo agentura nevyplatí mzdu, nedá smlouvu nebo vás "
            "propustí. Zkontrolujeme pracovní smlouvu předem.",
            "Допоможемо, якщо роботодавець чи агенція не виплатили зарплату, не дали договору або "
            "звільнили вас. Перевіримо трудовий договір заздалегідь.",
            "We help when an employer or agency does not pay your wages, gives you no contract or "
            "dismisses you. We check your employment contract before you sign.",
        ),
        eligibility=Text(
            "Zaměstnaní cizinci a ti, kdo práci hledají.",
            "Працевлаштовані іноземці та ті, хто шукає роботу.",
            "Foreigners in work and those looking for it.",
        ),
        application=Text(
            "Zavolejte nebo napište; přineste smlouvu, výplatní pásky a docházku.",
            "Зателефонуйте або напишіть; принесіть договір, розрахункові листи та облік робочого часу.",
            "Call or write; bring your contract, payslips and time records.",
        ),
        needs=("legal-counselling", "employment"),
        locations=("most-liberec",),
        hours=(Interval((WE,), "12:00", "18:00"),),
        phone="+420 777 000 502",
        languages=("cs", "uk", "ru"),
    ),
    DemoService(
        key="most-bydleni",
        organization="poradna-most",
        name=Text("Poradna k bydlení", "Консультації щодо житла", "Housing advice"),
        description=Text(
            "Hledání nájemního bydlení, kontrola nájemní smlouvy, kauce, vyúčtování energií a spory s pronajímatelem.",
            "Пошук житла в оренду, перевірка договору оренди, застава, розрахунок за енергії та "
            "суперечки з орендодавцем.",
            "Finding a home to rent, checking tenancy agreements, deposits, energy bills and disputes with landlords.",
        ),
        eligibility=Text(
            "Cizinci, kteří hledají nebo mají nájemní bydlení v Libereckém kraji.",
            "Іноземці, які шукають або мають орендоване житло в Ліберецькому краї.",
            "Foreigners looking for or renting a home in the Liberec Region.",
        ),
        application=Text(
            "Objednejte se telefonicky; vezměte nájemní smlouvu, pokud ji máte.",
            "Запишіться телефоном; візьміть договір оренди, якщо він у вас є.",
            "Book by phone; bring your tenancy agreement if you have one.",
        ),
        needs=("accommodation", "housing-search", "legal-counselling"),
        locations=("most-liberec",),
        hours=(Interval((MO,), "09:00", "17:00"), Interval((TH,), "09:00", "13:00")),
        phone="+420 777 000 503",
        languages=("cs", "uk"),
    ),
    DemoService(
        key="most-doprovod",
        organization="poradna-most",
        name=Text(
            "Doprovod na úřady a tlumočení",
            "Супровід до установ і переклад",
            "Accompaniment to offices and interpreting",
        ),
        description=Text(
            "Pracovník se znalostí ukrajinštiny nebo ruštiny vás doprovodí na úřad, k lékaři nebo do "
            "školy, tlumočí a pomůže s formuláři.",
            "Працівник, який володіє українською або російською, супроводить вас до установи, лікаря "
            "чи школи, перекладатиме й допоможе з бланками.",
            "A worker who speaks Ukrainian or Russian goes with you to an office, the doctor or "
            "school, interprets and helps with forms.",
        ),
        eligibility=Text(
            "Cizinci, kteří nezvládnou jednání v češtině sami, přednostně senioři a rodiny s dětmi.",
            "Іноземці, які не можуть самостійно спілкуватися чеською, передусім літні люди та сім’ї з дітьми.",
            "Foreigners who cannot manage in Czech alone, seniors and families with children first.",
        ),
        application=Text(
            "Domluvte doprovod alespoň dva dny předem.",
            "Домовтеся про супровід щонайменше за два дні.",
            "Arrange accompaniment at least two days ahead.",
        ),
        needs=("interpreting",),
        locations=("most-liberec",),
        hours=WORKDAYS_8_16,
        phone="+420 777 000 504",
        languages=("cs", "uk", "ru"),
    ),
    DemoService(
        key="most-online",
        organization="poradna-most",
        name=Text(
            "Online a telefonická poradna",
            "Онлайн- і телефонна консультація",
            "Online and phone advice",
        ),
        description=Text(
            "Rychlé odpovědi na otázky k pobytu, práci a dávkám po telefonu, e-mailem nebo přes "
            "videohovor, i pro lidi z odlehlých obcí kraje.",
            "Швидкі відповіді на питання щодо перебування, роботи та виплат телефоном, електронною "
            "поштою або відеодзвінком, також для людей з віддалених громад краю.",
            "Quick answers about residence, work and benefits by phone, e-mail or video call, also "
            "for people in remote villages of the region.",
        ),
        eligibility=Text(
            "Kdokoli z Libereckého kraje.",
            "Будь-хто з Ліберецького краю.",
            "Anyone in the Liberec Region.",
        ),
        application=Text(
            "Zavolejte nebo napište; na e-maily odpovídáme do dvou pracovních dnů.",
            "Зателефонуйте або напишіть; на листи відповідаємо протягом двох робочих днів.",
            "Call or write; we answer e-mails within two working days.",
        ),
        needs=("legal-counselling", "documents-residence", "social-benefits", "employment"),
        locations=("most-liberec",),
        hours=(Interval((MO, TU, WE, TH), "10:00", "16:00"),),
        phone="+420 608 000 505",
        languages=("cs", "uk", "ru", "en"),
    ),
    DemoService(
        key="most-frydlant",
        organization="poradna-most",
        name=Text(
            "Výjezdní poradna ve Frýdlantu",
            "Виїзна консультація у Фрідланті",
            "Outreach advice in Frýdlant",
        ),
        description=Text(
            "Každé druhé úterý poradce na Frýdlantsku: pobyt, práce, dávky a bydlení bez cesty do Liberce.",
            "Щодругого вівторка консультант на Фрідлантщині: перебування, робота, виплати й житло "
            "без поїздки до Ліберця.",
            "Every other Tuesday an adviser in the Frýdlant area: residence, work, benefits and "
            "housing without travelling to Liberec.",
        ),
        eligibility=Text(
            "Cizinci z Frýdlantska.",
            "Іноземці з Фрідлантського регіону.",
            "Foreigners from the Frýdlant area.",
        ),
        application=Text(
            "Přijďte bez objednání, nebo si termín domluvte po telefonu.",
            "Приходьте без запису або домовтеся про час телефоном.",
            "Come without an appointment, or arrange a time by phone.",
        ),
        needs=("legal-counselling", "social-benefits", "employment"),
        locations=("most-frydlant",),
        hours=(
            Interval(
                (TU,),
                "09:00",
                "14:00",
                note=Text("Jen v sudém týdnu.", "Лише в парний тиждень.", "In even weeks only."),
            ),
        ),
        phone="+420 777 000 506",
        languages=("cs", "uk"),
        areas=(ORP_FRYDLANT,),
    ),
    DemoService(
        key="most-tanvald",
        organization="poradna-most",
        name=Text(
            "Výjezdní poradna v Tanvaldu",
            "Виїзна консультація в Танвальді",
            "Outreach advice in Tanvald",
        ),
        description=Text(
            "Poradce pro cizince z Tanvaldska a Jablonecka jednou týdně v Tanvaldu, s pomocí "
            "s dopisy z úřadů a s hledáním práce.",
            "Консультант для іноземців з Танвальдщини та Яблонеччини раз на тиждень у Танвальді, "
            "з допомогою щодо листів з установ і пошуку роботи.",
            "An adviser for foreigners from the Tanvald and Jablonec areas once a week in Tanvald, "
            "helping with official letters and job search.",
        ),
        eligibility=Text(
            "Cizinci z Tanvaldska a okolí.",
            "Іноземці з Танвальдщини та околиць.",
            "Foreigners from the Tanvald area.",
        ),
        application=Text(
            "Přijďte ve čtvrtek, bez objednání.",
            "Приходьте в четвер без запису.",
            "Come on Thursday, no appointment needed.",
        ),
        needs=("social-benefits", "employment", "job-search"),
        locations=("most-tanvald",),
        hours=(Interval((TH,), "10:00", "15:00"),),
        phone="+420 777 000 507",
        languages=("cs", "uk", "ru"),
        areas=(ORP_TANVALD, ORP_JABLONEC),
    ),
    # Komunitní centrum Setkání (demo)
    DemoService(
        key="setkani-rodice-deti",
        organization="komunitni-centrum-setkani",
        name=Text("Klub rodičů s dětmi", "Клуб для батьків з дітьми", "Parents and toddlers club"),
        description=Text(
            "Dopoledne pro rodiče s dětmi do 6 let: hraní, zpívání, povídání česky a ukrajinsky "
            "a rady, jak se připravit na školku.",
            "Ранкові зустрічі для батьків з дітьми до 6 років: ігри, співи, розмови чеською "
            "та українською і поради, як підготуватися до садочка.",
            "Mornings for parents with children under 6: play, songs, chat in Czech and Ukrainian, "
            "and tips for getting ready for kindergarten.",
        ),
        eligibility=Text(
            "Rodiče a prarodiče s malými dětmi, Češi i cizinci.",
            "Батьки й бабусі та дідусі з малими дітьми, чехи й іноземці.",
            "Parents and grandparents with small children, Czech and foreign alike.",
        ),
        application=Text(
            "Přijďte, není třeba se hlásit předem.",
            "Приходьте, попередньо записуватися не потрібно.",
            "Just come; no need to sign up.",
        ),
        needs=("community-leisure", "children-youth", "kindergarten"),
        locations=("setkani",),
        hours=(Interval((TU, TH), "09:30", "11:30"),),
        phone="+420 777 000 601",
        languages=("cs", "uk"),
        areas=(ORP_JABLONEC,),
        maximum_age=6,
    ),
    DemoService(
        key="setkani-konverzace",
        organization="komunitni-centrum-setkani",
        name=Text(
            "Konverzační kavárna – čeština v praxi",
            "Розмовне кафе – чеська на практиці",
            "Conversation café – Czech in practice",
        ),
        description=Text(
            "Každé pondělí povídání s dobrovolníky u kávy: procvičíte češtinu, kterou jinde slyšíte "
            "jen z úřadů, a poznáte sousedy.",
            "Щопонеділка розмови з волонтерами за кавою: потренуєте чеську, яку деінде чуєте лише "
            "в установах, і познайомитеся із сусідами.",
            "Every Monday, chatting with volunteers over coffee: practise the Czech you otherwise hear "
            "only at offices, and meet your neighbours.",
        ),
        eligibility=Text(
            "Dospělí, kteří už trochu česky umí (od úrovně A1).",
            "Дорослі, які вже трохи знають чеську (від рівня A1).",
            "Adults who already speak a little Czech (from level A1).",
        ),
        application=Text(
            "Přihlaste se na recepci nebo telefonicky, ať víme, kolik připravit stolů.",
            "Запишіться на рецепції або телефоном, щоб ми знали, скільки столів підготувати.",
            "Sign up at reception or by phone so we know how many tables to set.",
        ),
        needs=("czech-language", "community-leisure"),
        locations=("setkani",),
        hours=(Interval((MO,), "17:00", "18:30"),),
        phone="+420 777 000 602",
        languages=("cs",),
        areas=(ORP_JABLONEC, ORP_TANVALD, ORP_ZELEZNY_BROD),
        exceptions=(CHRISTMAS, SUMMER_BREAK),
        capacity=(DemoCapacity("course-place", 7, 18, updated_days_ago=2),),
    ),
    DemoService(
        key="setkani-doucovani",
        organization="komunitni-centrum-setkani",
        name=Text("Doučování dětí", "Репетиторство для дітей", "Tutoring for children"),
        description=Text(
            "Dobrovolníci doučují děti cizinců češtinu, matematiku a pomáhají s domácími úkoly, "
            "aby zvládly českou školu.",
            "Волонтери допомагають дітям-іноземцям з чеською, математикою та домашніми завданнями, "
            "щоб вони впоралися з чеською школою.",
            "Volunteers tutor foreign children in Czech and maths and help with homework so they "
            "manage at a Czech school.",
        ),
        eligibility=Text(
            "Žáci základních škol od 6 do 15 let.",
            "Учні основних шкіл віком від 6 до 15 років.",
            "Primary and lower-secondary pupils aged 6 to 15.",
        ),
        application=Text(
            "Rodiče dítě přihlásí na recepci; na první schůzku přineste školní sešity.",
            "Батьки записують дитину на рецепції; на першу зустріч принесіть шкільні зошити.",
            "Parents sign the child up at reception; bring school exercise books to the first session.",
        ),
        needs=("education", "children-youth", "czech-language"),
        locations=("setkani",),
        hours=(Interval((MO, WE), "14:30", "16:30"),),
        phone="+420 777 000 603",
        languages=("cs", "uk"),
        areas=(ORP_JABLONEC,),
        exceptions=(CHRISTMAS, SUMMER_BREAK),
        capacity=(DemoCapacity("course-place", 2, 15, updated_days_ago=4),),
        minimum_age=6,
        maximum_age=15,
    ),
    DemoService(
        key="setkani-sousedska-setkani",
        organization="komunitni-centrum-setkani",
        name=Text("Sousedská setkání", "Сусідські зустрічі", "Neighbourhood get-togethers"),
        description=Text(
            "Jednou měsíčně společná večeře, promítání nebo výlet, kde se potkávají starousedlíci "
            "a noví obyvatelé Jablonce.",
            "Раз на місяць спільна вечеря, кіноперегляд або екскурсія, де зустрічаються давні "
            "та нові мешканці Яблонця.",
            "Once a month a shared dinner, film or trip where long-time and new residents of Jablonec meet.",
        ),
        eligibility=Text("Pro všechny.", "Для всіх.", "Open to everyone."),
        application=Text(
            "Program najdete na nástěnce centra; stačí přijít.",
            "Програму знайдете на дошці оголошень центру; просто приходьте.",
            "See the programme on the centre's notice board; just come.",
        ),
        needs=("community-leisure",),
        locations=("setkani",),
        hours=COMMUNITY_AFTERNOONS,
        phone="+420 777 000 604",
        languages=("cs", "uk", "en"),
        areas=(ORP_JABLONEC,),
    ),
    DemoService(
        key="setkani-dobrovolnici",
        organization="komunitni-centrum-setkani",
        name=Text("Dobrovolnický program", "Волонтерська програма", "Volunteering programme"),
        description=Text(
            "Zapojte se jako dobrovolník: doučování, doprovod, pomoc v šatníku. Školení a pojištění "
            "zajistíme; vítáme i dobrovolníky z Ukrajiny.",
            "Долучайтеся як волонтер: репетиторство, супровід, допомога в пункті одягу. Навчання "
            "та страхування забезпечимо; раді й волонтерам з України.",
            "Join as a volunteer: tutoring, accompanying people, helping in the clothing store. We "
            "provide training and insurance; volunteers from Ukraine are welcome.",
        ),
        eligibility=Text("Dospělí od 18 let.", "Дорослі від 18 років.", "Adults aged 18 and over."),
        application=Text(
            "Napište nebo zavolejte koordinátorce, domluvíme úvodní schůzku.",
            "Напишіть або зателефонуйте координаторці, домовимося про першу зустріч.",
            "Write to or call the coordinator to arrange a first meeting.",
        ),
        needs=("community-leisure",),
        locations=("setkani",),
        hours=COMMUNITY_AFTERNOONS,
        phone="+420 777 000 605",
        languages=("cs", "uk", "en"),
        areas=(REGION,),
        minimum_age=18,
        reviewed_days_ago=60,
    ),
    DemoService(
        key="setkani-satnik",
        organization="komunitni-centrum-setkani",
        name=Text("Šatník a drogerie", "Пункт одягу та засобів гігієни", "Clothing and toiletries store"),
        description=Text(
            "Oblečení, boty, lůžkoviny a hygienické potřeby z darů, pro dospělé i děti.",
            "Одяг, взуття, постільна білизна та засоби гігієни з пожертв для дорослих і дітей.",
            "Donated clothes, shoes, bedding and toiletries for adults and children.",
        ),
        eligibility=Text(
            "Lidé v nouzi, zejména nově příchozí rodiny.",
            "Люди в скруті, передусім новоприбулі сім’ї.",
            "People in need, especially newly arrived families.",
        ),
        application=Text(
            "Přijďte ve středu odpoledne; jednou za měsíc si vyberete, co potřebujete.",
            "Приходьте в середу після обіду; раз на місяць оберете те, що потрібно.",
            "Come on Wednesday afternoon; once a month you choose what you need.",
        ),
        needs=("material-aid", "clothing-hygiene"),
        locations=("setkani",),
        hours=(Interval((WE,), "14:00", "18:00"),),
        phone="+420 777 000 606",
        languages=("cs", "uk"),
        areas=(ORP_JABLONEC, ORP_TANVALD),
    ),
]

_services += [
    # Ukrajinský spolek Kalyna (demo)
    DemoService(
        key="kalyna-sobotni-skola",
        organization="spolek-kalyna",
        name=Text(
            "Sobotní ukrajinská škola",
            "Суботня українська школа",
            "Saturday Ukrainian school",
        ),
        description=Text(
            "Výuka ukrajinštiny, literatury, dějepisu a zeměpisu Ukrajiny podle ukrajinských osnov, "
            "aby děti mohly pokračovat ve studiu i po návratu.",
            "Навчання української мови, літератури, історії та географії України за українською "
            "програмою, щоб діти могли продовжити навчання й після повернення.",
            "Lessons in Ukrainian language, literature, history and geography following the Ukrainian "
            "curriculum, so that children can continue their studies after returning home.",
        ),
        eligibility=Text(
            "Děti od 6 do 15 let, které chodí do české školy.",
            "Діти віком від 6 до 15 років, які відвідують чеську школу.",
            "Children aged 6 to 15 who attend a Czech school.",
        ),
        application=Text(
            "Přihlaste dítě e-mailem nebo první sobotu v měsíci přímo v klubovně.",
            "Запишіть дитину електронною поштою або в першу суботу місяця просто в клубі.",
            "Sign your child up by e-mail or on the first Saturday of the month at the clubroom.",
        ),
        needs=("education", "children-youth"),
        locations=("kalyna",),
        hours=SATURDAY_MORNING,
        phone="+420 777 000 701",
        languages=("uk", "cs"),
        areas=(ORP_CESKA_LIPA, ORP_NOVY_BOR),
        exceptions=(CHRISTMAS, SUMMER_BREAK),
        capacity=(DemoCapacity("class-place", 5, 36, updated_days_ago=9),),
        minimum_age=6,
        maximum_age=15,
    ),
    DemoService(
        key="kalyna-kultura",
        organization="spolek-kalyna",
        name=Text("Kulturní večery a svátky", "Культурні вечори та свята", "Cultural evenings and celebrations"),
        description=Text(
            "Společné oslavy ukrajinských i českých svátků, koncerty, výstavy a večery poezie otevřené všem sousedům.",
            "Спільне святкування українських і чеських свят, концерти, виставки та поетичні вечори, "
            "відкриті для всіх сусідів.",
            "Celebrating Ukrainian and Czech holidays together, concerts, exhibitions and poetry "
            "evenings open to all neighbours.",
        ),
        eligibility=Text("Pro všechny.", "Для всіх.", "Open to everyone."),
        application=Text(
            "Sledujte program na facebookové stránce spolku; vstup je volný.",
            "Стежте за програмою на сторінці товариства у Facebook; вхід вільний.",
            "Follow the programme on the association's Facebook page; entry is free.",
        ),
        needs=("community-leisure",),
        locations=("kalyna", "kalyna-novy-bor"),
        hours=(Interval((FR,), "17:00", "20:00"),),
        phone="+420 777 000 702",
        languages=("uk", "cs", "ru"),
        areas=(ORP_CESKA_LIPA, ORP_NOVY_BOR),
    ),
    DemoService(
        key="kalyna-prvni-orientace",
        organization="spolek-kalyna",
        name=Text(
            "První orientace pro nově příchozí",
            "Перша орієнтація для новоприбулих",
            "First steps for newcomers",
        ),
        description=Text(
            "Krajané, kteří tu žijí déle, poradí s prvními kroky: registrace, SIM karta, bankovní "
            "účet, lékař, škola, MHD. Vše v ukrajinštině.",
            "Земляки, які живуть тут довше, підкажуть перші кроки: реєстрація, SIM-картка, банківський "
            "рахунок, лікар, школа, громадський транспорт. Усе українською.",
            "Fellow Ukrainians who have lived here longer help with the first steps: registration, "
            "a SIM card, a bank account, a doctor, school, public transport. All in Ukrainian.",
        ),
        eligibility=Text(
            "Lidé, kteří nedávno přijeli z Ukrajiny.",
            "Люди, які нещодавно приїхали з України.",
            "People who have recently arrived from Ukraine.",
        ),
        application=Text(
            "Zavolejte nebo napište na Viber; sejdeme se do dvou dnů.",
            "Зателефонуйте або напишіть у Viber; зустрінемося протягом двох днів.",
            "Call or message us on Viber; we meet within two days.",
        ),
        needs=("documents-residence", "temporary-protection", "interpreting", "finding-doctor"),
        locations=("kalyna",),
        hours=(Interval((MO, WE), "15:00", "19:00"),),
        phone="+420 777 000 703",
        languages=("uk", "ru", "cs"),
        statuses=(TEMPORARY_PROTECTION,),
        areas=(ORP_CESKA_LIPA, ORP_NOVY_BOR),
    ),
    DemoService(
        key="kalyna-sbirka",
        organization="spolek-kalyna",
        name=Text(
            "Sbírka a výdej materiální pomoci",
            "Збір і видача матеріальної допомоги",
            "Collection and distribution of material aid",
        ),
        description=Text(
            "Trvanlivé potraviny, hygienické potřeby, školní pomůcky a drobné vybavení domácnosti "
            "pro rodiny, které začínají znovu.",
            "Довготривалі продукти, засоби гігієни, шкільне приладдя та дрібні речі для дому "
            "для сімей, які починають усе спочатку.",
            "Long-life food, toiletries, school supplies and small household items for families starting again.",
        ),
        eligibility=Text(
            "Rodiny s dočasnou ochranou v tíživé situaci.",
            "Сім’ї з тимчасовим захистом у скрутному становищі.",
            "Families with temporary protection in hardship.",
        ),
        application=Text(
            "Přijďte v sobotu po škole; přineste doklad o dočasné ochraně.",
            "Приходьте в суботу після школи; візьміть документ про тимчасовий захист.",
            "Come on Saturday after school; bring your temporary protection document.",
        ),
        needs=("material-aid", "food-aid", "clothing-hygiene"),
        locations=("kalyna",),
        hours=(Interval((SA,), "12:30", "14:00"),),
        phone="+420 777 000 704",
        languages=("uk", "cs"),
        statuses=(TEMPORARY_PROTECTION,),
        areas=(ORP_CESKA_LIPA,),
    ),
    DemoService(
        key="kalyna-svepomocna-skupina",
        organization="spolek-kalyna",
        name=Text(
            "Svépomocná skupina pro ženy",
            "Група взаємопідтримки для жінок",
            "Peer support group for women",
        ),
        description=Text(
            "Setkání žen, které prošly válkou a odloučením od rodiny; sdílení, podpora a jednou "
            "měsíčně s psycholožkou.",
            "Зустрічі жінок, які пережили війну та розлуку з рідними; спілкування, підтримка, раз "
            "на місяць – із психологинею.",
            "Meetings of women who went through war and separation from their families; sharing, "
            "support, and once a month with a psychologist.",
        ),
        eligibility=Text("Ženy od 18 let.", "Жінки від 18 років.", "Women aged 18 and over."),
        application=Text(
            "Stačí přijít; pokud chcete, ozvěte se předem koordinátorce.",
            "Просто приходьте; якщо бажаєте, зв’яжіться заздалегідь з координаторкою.",
            "Just come; if you like, contact the coordinator beforehand.",
        ),
        needs=("psychosocial-support", "community-leisure"),
        locations=("kalyna-novy-bor",),
        hours=(Interval((TH,), "17:30", "19:30"),),
        phone="+420 777 000 705",
        languages=("uk", "ru"),
        areas=(ORP_NOVY_BOR, ORP_CESKA_LIPA),
        minimum_age=18,
        reviewed_days_ago=200,
    ),
    # Mezinárodní síť Horizont (demo)
    DemoService(
        key="horizont-psychosocialni",
        organization="sit-horizont",
        name=Text(
            "Individuální psychosociální podpora",
            "Індивідуальна психосоціальна підтримка",
            "Individual psychosocial support",
        ),
        description=Text(
            "Konzultace s psychologem nebo psychoterapeutem v ukrajinštině, ruštině nebo češtině: "
            "stres, úzkost, nespavost, ztráta blízkých. Až deset setkání zdarma.",
            "Консультації з психологом або психотерапевтом українською, російською чи чеською: "
            "стрес, тривога, безсоння, втрата близьких. До десяти зустрічей безкоштовно.",
            "Sessions with a psychologist or psychotherapist in Ukrainian, Russian or Czech: stress, "
            "anxiety, sleeplessness, losing loved ones. Up to ten sessions free.",
        ),
        eligibility=Text(
            "Dospělí a dospívající od 15 let, kteří utekli před válkou nebo pronásledováním.",
            "Дорослі та підлітки від 15 років, які втекли від війни чи переслідування.",
            "Adults and teenagers aged 15 and over who fled war or persecution.",
        ),
        application=Text(
            "Objednejte se telefonicky; první konzultace do týdne.",
            "Запишіться телефоном; перша консультація – протягом тижня.",
            "Book by phone; your first session within a week.",
        ),
        needs=("psychosocial-support", "health"),
        locations=("horizont", "horizont-jilemnice"),
        hours=(Interval((MO, TU, WE, TH), "09:00", "18:00"),),
        phone="+420 777 000 801",
        languages=("uk", "ru", "cs"),
        statuses=(TEMPORARY_PROTECTION, ASYLUM, SUBSIDIARY_PROTECTION, ASYLUM_SEEKER),
        capacity=(DemoCapacity("consultation-slot", 3, 24, updated_days_ago=0),),
        minimum_age=15,
    ),
    DemoService(
        key="horizont-skupiny",
        organization="sit-horizont",
        name=Text("Podpůrné skupiny", "Групи підтримки", "Support groups"),
        description=Text(
            "Skupiny pro rodiče, seniory a dospívající vedené psychology: jak zvládat stres, "
            "smutek a život v novém prostředí.",
            "Групи для батьків, літніх людей і підлітків під керівництвом психологів: як упоратися "
            "зі стресом, сумом і життям у новому середовищі.",
            "Groups for parents, seniors and teenagers led by psychologists: coping with stress, "
            "grief and life in a new place.",
        ),
        eligibility=Text(
            "Lidé s dočasnou nebo mezinárodní ochranou.",
            "Люди з тимчасовим або міжнародним захистом.",
            "People with temporary or international protection.",
        ),
        application=Text(
            "Přihlaste se telefonicky; skupina má nejvýš deset účastníků.",
            "Запишіться телефоном; у групі щонайбільше десять учасників.",
            "Sign up by phone; a group has ten participants at most.",
        ),
        needs=("psychosocial-support",),
        locations=("horizont",),
        hours=(Interval((TU,), "17:00", "18:30"), Interval((SA,), "10:00", "11:30")),
        phone="+420 777 000 802",
        languages=("uk", "ru"),
        statuses=(TEMPORARY_PROTECTION, ASYLUM, SUBSIDIARY_PROTECTION),
        capacity=(DemoCapacity("course-place", 4, 30, updated_days_ago=5),),
    ),
    DemoService(
        key="horizont-krizova-linka",
        organization="sit-horizont",
        name=Text(
            "Krizová linka v ukrajinštině a ruštině",
            "Кризова лінія українською та російською",
            "Crisis line in Ukrainian and Russian",
        ),
        description=Text(
            "Anonymní telefonická krizová pomoc každý den do půlnoci: když je toho moc, když nevíte "
            "kudy kam, nebo když se bojíte o sebe či blízké.",
            "Анонімна телефонна кризова допомога щодня до опівночі: коли всього забагато, коли не знаєте, "
            "що робити, або коли боїтеся за себе чи близьких.",
            "Anonymous crisis support by phone every day until midnight: when it is all too much, "
            "when you don't know what to do, or when you fear for yourself or your loved ones.",
        ),
        eligibility=Text("Kdokoli, anonymně.", "Будь-хто, анонімно.", "Anyone, anonymously."),
        application=Text(
            "Zavolejte; v ohrožení života volejte 155 nebo 112.",
            "Зателефонуйте; якщо загрожує небезпека життю, дзвоніть 155 або 112.",
            "Call us; if a life is in danger, call 155 or 112.",
        ),
        needs=("psychosocial-support",),
        locations=("horizont",),
        hours=(Interval((MO, TU, WE, TH, FR, SA, SU), "08:00", "23:59"),),
        phone="+420 800 000 803",
        languages=("uk", "ru", "cs"),
        exceptions=(),
        open_on_public_holidays=True,
    ),
    DemoService(
        key="horizont-bezpecny-prostor",
        organization="sit-horizont",
        name=Text(
            "Bezpečný prostor pro děti",
            "Безпечний простір для дітей",
            "Child-friendly space",
        ),
        description=Text(
            "Hry, tvoření a pohyb s vyškolenými animátory, kteří si všimnou dítěte v tísni "
            "a propojí rodinu s odbornou pomocí.",
            "Ігри, творчість і рух із навченими аніматорами, які помітять дитину в скруті "
            "та допоможуть родині отримати фахову допомогу.",
            "Games, crafts and movement with trained facilitators who notice a child in distress "
            "and connect the family with professional help.",
        ),
        eligibility=Text(
            "Děti od 4 do 12 let.",
            "Діти віком від 4 до 12 років.",
            "Children aged 4 to 12.",
        ),
        application=Text(
            "Přiveďte dítě v otevírací době; rodič zůstává v budově.",
            "Приведіть дитину в години роботи; батьки залишаються в будівлі.",
            "Bring your child during opening hours; a parent stays in the building.",
        ),
        needs=("child-protection", "children-youth", "psychosocial-support"),
        locations=("horizont",),
        hours=(Interval((MO, WE, FR), "14:00", "17:00"),),
        phone="+420 777 000 804",
        languages=("uk", "cs"),
        minimum_age=4,
        maximum_age=12,
        capacity=(DemoCapacity("course-place", 10, 25, updated_days_ago=2),),
    ),
    DemoService(
        key="horizont-financni-pomoc",
        organization="sit-horizont",
        name=Text(
            "Jednorázová finanční pomoc",
            "Одноразова фінансова допомога",
            "One-off cash assistance",
        ),
        description=Text(
            "Příspěvek na nečekané výdaje (léky, kauce, školní pomůcky) pro domácnosti, které "
            "nedosáhnou na státní dávky, po posouzení sociálním pracovníkem.",
            "Внесок на непередбачені витрати (ліки, застава, шкільне приладдя) для домогосподарств, "
            "які не мають права на державні виплати, після оцінки соціальним працівником.",
            "A contribution to unexpected costs (medicine, a deposit, school supplies) for households "
            "not entitled to state benefits, after a social worker's assessment.",
        ),
        eligibility=Text(
            "Zranitelné domácnosti s dočasnou ochranou, bez nároku na humanitární dávku.",
            "Вразливі домогосподарства з тимчасовим захистом без права на гуманітарну допомогу.",
            "Vulnerable households with temporary protection not entitled to the humanitarian benefit.",
        ),
        application=Text(
            "Požádejte přes svého sociálního pracovníka nebo nás kontaktujte; rozhodneme do deseti dnů.",
            "Зверніться через свого соціального працівника або зв’яжіться з нами; рішення – протягом десяти днів.",
            "Apply through your social worker or contact us; we decide within ten days.",
        ),
        needs=("social-benefits", "cash-assistance"),
        locations=("horizont",),
        hours=(Interval((TU, TH), "09:00", "15:00"),),
        phone="+420 777 000 805",
        languages=("uk", "cs", "en"),
        statuses=(TEMPORARY_PROTECTION,),
    ),
]

SERVICES: Final[tuple[DemoService, ...]] = tuple(_services)
