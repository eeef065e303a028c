"""The Liberec Region demo: organisations of the regional network and invented staff.

Plain data, read by `spojka.demo.actions.load_liberec_demo`. Public institutions carry their
real names, addresses and websites (public facts only); everything invented is recognisably
fictional: names of invented organisations end with "(demo)", streets are called "Ukázková"
(Czech for "sample"), people's surnames are words such as "Příkladný" ("exemplary"), every
e-mail address is under `demo.spojka.example` and every phone number is +420 000 000 xxx.
Registry numbers (IČO) are left out on purpose: the demo must never hold a wrong one.
"""

from dataclasses import dataclass
from typing import Final

from spojka.network.enums import Role, Sector

COUNTRY: Final = "CZ"
COUNTRY_PACK: Final = "cz-liberec"
EMAIL_DOMAIN: Final = "demo.spojka.example"
FICTIONAL_MARK: Final = "(demo)"

# ČSÚ codes of the municipalities the demo's organisations sit in.
LIBEREC: Final = "563889"
JABLONEC_NAD_NISOU: Final = "563510"
CESKA_LIPA: Final = "561380"
TURNOV: Final = "577626"
SEMILY: Final = "576964"


@dataclass(frozen=True)
class DemoOrganization:
    """An organisation of the demo; `key` is its stable identity across reloads."""

    key: str
    name: str
    sector: Sector
    municipality_code: str
    address: str
    description: str
    phone: str
    short_name: str = ""
    website: str = ""
    parent: str = ""
    fictional: bool = False

    @property
    def email(self) -> str:
        """Return the organisation's contact address, always under the demo domain."""
        return f"{self.key}@{EMAIL_DOMAIN}"


@dataclass(frozen=True)
class DemoPerson:
    """An invented member of staff with one role in one organisation."""

    full_name: str
    email: str
    organization: str
    role: Role
    title: str
    language: str = "cs"


ORGANIZATIONS: Final[tuple[DemoOrganization, ...]] = (
    DemoOrganization(
        key="krajsky-urad",
        name="Krajský úřad Libereckého kraje",
        short_name="KÚ Libereckého kraje",
        sector=Sector.REGIONAL_SELF_GOVERNMENT,
        municipality_code=LIBEREC,
        address="U Jezu 642/2a, 461 80 Liberec",
        website="https://www.kraj-lbc.cz",
        phone="+420 000 000 101",
        description=(
            "Úřad Libereckého kraje. Koordinuje spolupráci státní správy, obcí a neziskových "
            "organizací při adaptaci a integraci cizinců, sbírá od obcí údaje o kapacitách "
            "a potřebách a svolává koordinační setkání."
        ),
    ),
    DemoOrganization(
        key="oamp-liberec",
        name="Ministerstvo vnitra – Odbor azylové a migrační politiky, pracoviště Liberec",  # noqa: RUF001  # an en dash, as Czech typography has it
        short_name="OAMP MV, pracoviště Liberec",
        sector=Sector.STATE_ADMINISTRATION,
        municipality_code=LIBEREC,
        address="Liberec",
        website="https://www.mvcr.cz",
        phone="+420 000 000 102",
        description=(
            "Pracoviště odboru Ministerstva vnitra, který rozhoduje o pobytu cizinců, "
            "o mezinárodní ochraně a o dočasné ochraně."
        ),
    ),
    DemoOrganization(
        key="kacpu-liberec",
        name="Krajské asistenční centrum pomoci Ukrajině (KACPU) Liberec",
        short_name="KACPU Liberec",
        sector=Sector.STATE_ADMINISTRATION,
        municipality_code=LIBEREC,
        address="Liberec",
        parent="oamp-liberec",
        phone="+420 000 000 103",
        description=(
            "Místo prvního kontaktu pro lidi prchající před válkou na Ukrajině: registrace "
            "k dočasné ochraně a pomoc s nouzovým ubytováním na jednom místě. Sídlí na "
            "libereckém pracovišti Odboru azylové a migrační politiky."
        ),
    ),
    DemoOrganization(
        key="cpic-liberec",
        name="Centrum na podporu integrace cizinců pro Liberecký kraj",
        short_name="CPIC Liberec",
        sector=Sector.INTEGRATION_CENTRE,
        municipality_code=LIBEREC,
        address="Voroněžská 144/20, 460 01 Liberec",
        website="https://www.integracnicentra.cz",
        phone="+420 000 000 104",
        description=(
            "Integrační centrum pro cizince s legálním pobytem: sociální a právní poradenství, "
            "kurzy češtiny a sociokulturní orientace, adaptačně-integrační kurzy."
        ),
    ),
    DemoOrganization(
        key="up-liberec",
        name="Úřad práce České republiky – krajská pobočka v Liberci",  # noqa: RUF001  # an en dash, as Czech typography has it
        short_name="ÚP ČR, krajská pobočka Liberec",
        sector=Sector.STATE_ADMINISTRATION,
        municipality_code=LIBEREC,
        address="Liberec",
        website="https://www.uradprace.cz",
        phone="+420 000 000 105",
        description=(
            "Zprostředkování zaměstnání, evidence uchazečů o zaměstnání, dávky státní sociální "
            "podpory a pomoci v hmotné nouzi včetně humanitární dávky."
        ),
    ),
    DemoOrganization(
        key="cizinecka-policie",
        name=(
            "Policie České republiky – odbor cizinecké policie, "  # noqa: RUF001  # an en dash, as Czech typography has it
            "Krajské ředitelství policie Libereckého kraje"
        ),
        short_name="Cizinecká policie Liberec",
        sector=Sector.STATE_ADMINISTRATION,
        municipality_code=LIBEREC,
        address="Liberec",
        website="https://www.policie.gov.cz",
        phone="+420 000 000 106",
        description=(
            "Pobytová kontrola cizinců, hlášení místa pobytu, víza a výjezdní příkazy podle zákona o pobytu cizinců."
        ),
    ),
    DemoOrganization(
        key="mesto-liberec",
        name="Statutární město Liberec",
        short_name="Magistrát města Liberec",
        sector=Sector.MUNICIPAL_SELF_GOVERNMENT,
        municipality_code=LIBEREC,
        address="nám. Dr. E. Beneše 1/1, 460 01 Liberec",
        website="https://www.liberec.cz",
        phone="+420 000 000 107",
        description=(
            "Krajské město a obec s rozšířenou působností. Sociální odbor zajišťuje sociální "
            "práci a sociálně-právní ochranu dětí (OSPOD) ve správním obvodu."
        ),
    ),
    DemoOrganization(
        key="mesto-jablonec",
        name="Statutární město Jablonec nad Nisou",
        short_name="Jablonec nad Nisou",
        sector=Sector.MUNICIPAL_SELF_GOVERNMENT,
        municipality_code=JABLONEC_NAD_NISOU,
        address="Mírové náměstí 3100/19, 466 01 Jablonec nad Nisou",
        website="https://www.jablonec.cz",
        phone="+420 000 000 108",
        description=(
            "Obec s rozšířenou působností. Sociální odbor zajišťuje sociální práci "
            "a sociálně-právní ochranu dětí ve správním obvodu."
        ),
    ),
    DemoOrganization(
        key="mesto-ceska-lipa",
        name="Město Česká Lípa",
        short_name="Česká Lípa",
        sector=Sector.MUNICIPAL_SELF_GOVERNMENT,
        municipality_code=CESKA_LIPA,
        address="nám. T. G. Masaryka 1/1, 470 01 Česká Lípa",
        website="https://www.mucl.cz",
        phone="+420 000 000 109",
        description=(
            "Obec s rozšířenou působností. Sociální odbor zajišťuje sociální práci "
            "a sociálně-právní ochranu dětí ve správním obvodu."
        ),
    ),
    DemoOrganization(
        key="mesto-turnov",
        name="Město Turnov",
        short_name="Turnov",
        sector=Sector.MUNICIPAL_SELF_GOVERNMENT,
        municipality_code=TURNOV,
        address="Antonína Dvořáka 335, 511 01 Turnov",
        website="https://www.turnov.cz",
        phone="+420 000 000 110",
        description=(
            "Obec s rozšířenou působností. Sociální odbor zajišťuje sociální práci "
            "a sociálně-právní ochranu dětí ve správním obvodu."
        ),
    ),
    DemoOrganization(
        key="mesto-semily",
        name="Město Semily",
        short_name="Semily",
        sector=Sector.MUNICIPAL_SELF_GOVERNMENT,
        municipality_code=SEMILY,
        address="Husova 82, 513 01 Semily",
        website="https://www.semily.cz",
        phone="+420 000 000 111",
        description=(
            "Obec s rozšířenou působností. Sociální odbor zajišťuje sociální práci "
            "a sociálně-právní ochranu dětí ve správním obvodu."
        ),
    ),
    DemoOrganization(
        key="poradna-most",
        name="Poradna Most pro cizince (demo)",
        short_name="Poradna Most (demo)",
        sector=Sector.NON_PROFIT,
        municipality_code=LIBEREC,
        address="Ukázková 12, 460 01 Liberec",
        phone="+420 000 000 121",
        fictional=True,
        description=(
            "Smyšlená nezisková organizace pro ukázku: bezplatné právní poradenství k pobytu, "
            "zaměstnání a bydlení, doprovod na úřady, tlumočení do ukrajinštiny a ruštiny."
        ),
    ),
    DemoOrganization(
        key="komunitni-centrum-setkani",
        name="Komunitní centrum Setkání (demo)",
        short_name="KC Setkání (demo)",
        sector=Sector.NON_PROFIT,
        municipality_code=JABLONEC_NAD_NISOU,
        address="Ukázková 3, 466 01 Jablonec nad Nisou",
        phone="+420 000 000 122",
        fictional=True,
        description=(
            "Smyšlené komunitní centrum pro ukázku: kluby pro děti a rodiče, konverzace "
            "v češtině, sousedská setkání a dobrovolnický program."
        ),
    ),
    DemoOrganization(
        key="spolek-kalyna",
        name="Ukrajinský spolek Kalyna (demo)",
        short_name="Spolek Kalyna (demo)",
        sector=Sector.NON_PROFIT,
        municipality_code=CESKA_LIPA,
        address="Ukázková 7, 470 01 Česká Lípa",
        phone="+420 000 000 123",
        fictional=True,
        description=(
            "Smyšlený spolek ukrajinské diaspory pro ukázku: vzájemná pomoc, kulturní akce, "
            "sobotní škola ukrajinštiny a první orientace pro nově příchozí."
        ),
    ),
    DemoOrganization(
        key="sit-horizont",
        name="Mezinárodní síť Horizont, kancelář pro Liberecký kraj (demo)",
        short_name="Síť Horizont (demo)",
        sector=Sector.INTERNATIONAL,
        municipality_code=LIBEREC,
        address="Ukázková 40, 460 01 Liberec",
        phone="+420 000 000 124",
        fictional=True,
        description=(
            "Smyšlená mezinárodní organizace pro ukázku: podporuje místní partnery granty "
            "a školeními a vede program psychosociální pomoci."
        ),
    ),
    DemoOrganization(
        key="pojistovna-priklad",
        name="Zdravotní pojišťovna Příklad, pobočka Liberec (demo)",
        short_name="ZP Příklad (demo)",
        sector=Sector.OTHER,
        municipality_code=LIBEREC,
        address="Ukázková 21, 460 01 Liberec",
        phone="+420 000 000 125",
        fictional=True,
        description=(
            "Smyšlená zdravotní pojišťovna pro ukázku: přihlášky k veřejnému zdravotnímu pojištění "
            "a průkazy pojištěnce pro držitele dočasné ochrany, přepážka v KACPU Liberec."
        ),
    ),
)


# Every role of `Role` appears at least once; the order is the order of the demo's README.
PEOPLE: Final[tuple[DemoPerson, ...]] = (
    DemoPerson(
        full_name="Tomáš Vzorek",
        email=f"tomas.vzorek@{EMAIL_DOMAIN}",
        organization="krajsky-urad",
        role=Role.PLATFORM_ADMIN,
        title="správce platformy Spojka",
    ),
    DemoPerson(
        full_name="Martin Příkladný",
        email=f"martin.prikladny@{EMAIL_DOMAIN}",
        organization="krajsky-urad",
        role=Role.REGIONAL_COORDINATOR,
        title="krajský koordinátor pro adaptaci a integraci cizinců",
    ),
    DemoPerson(
        full_name="Eva Vzorová",
        email=f"eva.vzorova@{EMAIL_DOMAIN}",
        organization="krajsky-urad",
        role=Role.REGIONAL_COORDINATOR,
        title="krajská koordinátorka pro národnostní menšiny a sociální začleňování",
    ),
    DemoPerson(
        full_name="Lucie Tabulková",
        email=f"lucie.tabulkova@{EMAIL_DOMAIN}",
        organization="krajsky-urad",
        role=Role.ANALYST,
        title="analytička odboru sociálních věcí",
    ),
    DemoPerson(
        full_name="Hana Ukázková",
        email=f"hana.ukazkova@{EMAIL_DOMAIN}",
        organization="cpic-liberec",
        role=Role.ORGANIZATION_MANAGER,
        title="vedoucí centra",
    ),
    DemoPerson(
        full_name="Olena Prykladna",
        email=f"olena.prykladna@{EMAIL_DOMAIN}",
        organization="cpic-liberec",
        role=Role.CASEWORKER,
        title="sociální pracovnice",
        language="uk",
    ),
    DemoPerson(
        full_name="Jakub Modelový",
        email=f"jakub.modelovy@{EMAIL_DOMAIN}",
        organization="cpic-liberec",
        role=Role.CASEWORKER,
        title="právní poradce",
    ),
    DemoPerson(
        full_name="Veronika Pořadníková",
        email=f"veronika.poradnikova@{EMAIL_DOMAIN}",
        organization="kacpu-liberec",
        role=Role.DESK_OPERATOR,
        title="operátorka recepce",
    ),
    DemoPerson(
        full_name="Taras Zrazkovyi",
        email=f"taras.zrazkovyi@{EMAIL_DOMAIN}",
        organization="kacpu-liberec",
        role=Role.DESK_OPERATOR,
        title="operátor přepážky a tlumočník",
        language="uk",
    ),
    DemoPerson(
        full_name="Ondřej Smyšlený",
        email=f"ondrej.smysleny@{EMAIL_DOMAIN}",
        organization="mesto-liberec",
        role=Role.CASEWORKER,
        title="sociální pracovník odboru sociální péče",
    ),
    DemoPerson(
        full_name="Alena Ochranná",
        email=f"alena.ochranna@{EMAIL_DOMAIN}",
        organization="mesto-liberec",
        role=Role.CHILD_PROTECTION_OFFICER,
        title="sociální pracovnice orgánu sociálně-právní ochrany dětí (OSPOD)",
    ),
    DemoPerson(
        full_name="Lenka Modelová",
        email=f"lenka.modelova@{EMAIL_DOMAIN}",
        organization="mesto-jablonec",
        role=Role.CASEWORKER,
        title="sociální pracovnice",
    ),
    DemoPerson(
        full_name="Zdeněk Paragraf",
        email=f"zdenek.paragraf@{EMAIL_DOMAIN}",
        organization="poradna-most",
        role=Role.ORGANIZATION_MANAGER,
        title="vedoucí poradny",
    ),
    DemoPerson(
        full_name="Kateryna Vyhadana",
        email=f"kateryna.vyhadana@{EMAIL_DOMAIN}",
        organization="poradna-most",
        role=Role.CASEWORKER,
        title="právní poradkyně",
    ),
    DemoPerson(
        full_name="Marie Sousedská",
        email=f"marie.sousedska@{EMAIL_DOMAIN}",
        organization="komunitni-centrum-setkani",
        role=Role.ORGANIZATION_MANAGER,
        title="koordinátorka komunitního centra",
    ),
    DemoPerson(
        full_name="Iryna Zrazkova",
        email=f"iryna.zrazkova@{EMAIL_DOMAIN}",
        organization="spolek-kalyna",
        role=Role.ORGANIZATION_MANAGER,
        title="předsedkyně spolku",
    ),
    DemoPerson(
        full_name="Anna Cvičná",
        email=f"anna.cvicna@{EMAIL_DOMAIN}",
        organization="sit-horizont",
        role=Role.ORGANIZATION_MANAGER,
        title="vedoucí regionální kanceláře",
    ),
    DemoPerson(
        full_name="Petr Zkušební",
        email=f"petr.zkusebni@{EMAIL_DOMAIN}",
        organization="up-liberec",
        role=Role.CASEWORKER,
        title="poradce pro zaměstnávání cizinců",
    ),
)
