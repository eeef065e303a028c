# ruff: noqa: RUF001  # Ukrainian text and Czech en dashes are meant
"""Write the demo's coordination meetings (with minutes and action items) and the good-practice library.

Runs after `load_liberec_demo`. Deterministic and idempotent like the other loaders: every record
has a UUID 5 of its role in the demo, dates count from the day of the load, and writes go straight
to the models. Three meetings: two past ones with minutes and action items (some done, some open,
some overdue) and one upcoming; five good practices of the Liberec Region in Czech, Ukrainian and
English, four of them public.
"""

import uuid
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Final

import structlog
from django.db import transaction
from django.utils import timezone

from spojka.accounts.models import User
from spojka.coordination.models import (
    ActionItem,
    ActionItemStatus,
    AgendaItem,
    GoodPractice,
    Meeting,
    PracticeStatus,
    PracticeTag,
    PracticeVisibility,
)
from spojka.demo import liberec
from spojka.demo.actions import demo_organization_id
from spojka.network.models import Organization

log = structlog.get_logger(__name__)

_NAMESPACE: Final = uuid.uuid5(uuid.NAMESPACE_DNS, f"coordination-meetings.{liberec.EMAIL_DOMAIN}")
COORDINATOR: Final = f"martin.prikladny@{liberec.EMAIL_DOMAIN}"


@dataclass(frozen=True)
class DemoMeetingsLoaded:
    """What the loader wrote: meetings, action items and good-practice entries."""

    meetings: int
    action_items: int
    practices: int


@dataclass(frozen=True)
class DemoItem:
    """An action item: owner's key, text, due in days from the meeting, and how it ended (None: open)."""

    owner: str
    text: str
    due_after_days: int
    closed: ActionItemStatus | None = None
    note: str = ""


@dataclass(frozen=True)
class DemoMeeting:
    """A meeting of the demo, `days` from today (negative: past)."""

    key: str
    title: str
    days: int
    hour: int
    place: str
    online_url: str
    organizations: tuple[str, ...]
    people: tuple[str, ...]
    guests: str
    agenda: tuple[str, ...]
    minutes: str
    items: tuple[DemoItem, ...]


MEETINGS: Final[tuple[DemoMeeting, ...]] = (
    DemoMeeting(
        key="platform-autumn",
        title="Regionální koordinační platforma pro integraci cizinců – podzimní jednání",
        days=-42,
        hour=9,
        place="Krajský úřad Libereckého kraje, U Jezu 642/2a, Liberec, zasedací místnost 1",
        online_url="",
        organizations=(
            "krajsky-urad",
            "oamp-liberec",
            "kacpu-liberec",
            "cpic-liberec",
            "up-liberec",
            "mesto-liberec",
            "mesto-jablonec",
            "mesto-ceska-lipa",
            "poradna-most",
            "spolek-kalyna",
        ),
        people=("martin.prikladny", "eva.vzorova", "hana.ukazkova", "zdenek.paragraf", "iryna.zrazkova"),
        guests="Mgr. Petra Nová, Krajská hygienická stanice\nIng. Jan Dvořák, Správa uprchlických zařízení MV",
        agenda=(
            "Zahájení, kontrola úkolů z minulého jednání",
            "Ubytování držitelů dočasné ochrany po změně podpory (lex Ukrajina)",
            "Provoz KACPU Liberec: fronty, tlumočení, otevírací doba",
            "Informace obcí s rozšířenou působností",
            "Různé",
        ),
        minutes=(
            "Přítomni: dle prezenční listiny (10 organizací, 2 hosté).\n\n"
            "1. Úkoly z minulého jednání byly splněny až na aktualizaci kontaktů v Jablonci nad Nisou.\n\n"
            "2. Ubytování: obce hlásí pokles volných míst v nouzovém ubytování; Magistrát města Liberec pošle "
            "přehled volných bytů vhodných pro rodiny s dětmi. Kraj shromáždí údaje obcí v příštím sběru dat.\n\n"
            "3. KACPU: nejdelší fronty jsou v pondělí dopoledne. KACPU rozšíří tlumočení do ukrajinštiny i na "
            "páteční odpoledne a zveřejní doporučené časy návštěvy.\n\n"
            "4. ORP: Česká Lípa upozorňuje na nedostatek míst v mateřských školách.\n\n"
            "5. Příští jednání se bude věnovat vzdělávání dětí cizinců."
        ),
        items=(
            DemoItem(
                "mesto-liberec",
                "Poslat krajskému koordinátorovi přehled volných obecních bytů vhodných pro rodiny s dětmi.",
                14,
                ActionItemStatus.DONE,
                "Přehled 12 bytů zaslán e-mailem.",
            ),
            DemoItem(
                "kacpu-liberec",
                "Zajistit tlumočení do ukrajinštiny i v pátek odpoledne a zveřejnit doporučené časy návštěvy.",
                21,
                ActionItemStatus.DONE,
                "Od 1. 11. tlumočník i v pátek 12–16 h.",
            ),
            DemoItem("mesto-jablonec", "Doplnit na web města kontakt na koordinátora bydlení pro cizince.", 14),
            DemoItem("mesto-ceska-lipa", "Zjistit počet volných míst v mateřských školách pro děti cizinců.", 28),
        ),
    ),
    DemoMeeting(
        key="education-group",
        title="Pracovní skupina Vzdělávání: děti cizinců ve školách",
        days=-12,
        hour=13,
        place="Centrum na podporu integrace cizinců, Liberec",
        online_url="https://meet.example.org/spojka-vzdelavani",
        organizations=("krajsky-urad", "cpic-liberec", "poradna-most", "mesto-liberec", "komunitni-centrum-setkani"),
        people=("eva.vzorova", "hana.ukazkova", "olena.prykladna", "kateryna.vyhadana", "marie.sousedska"),
        guests="Mgr. Lucie Šťastná, ředitelka ZŠ Liberec, Lesní\nNárodní pedagogický institut, krajské pracoviště",
        agenda=(
            "Zápis ukrajinských dětí do škol a školek",
            "Tlumočníci pro třídní schůzky: zkušenosti škol",
            "Adaptační skupiny a doučování češtiny",
        ),
        minutes=(
            "1. Zápis: školy potřebují informace pro rodiče v ukrajinštině včas, nejpozději v březnu.\n\n"
            "2. Tlumočení: ZŠ Lesní popsala dobrou zkušenost s tlumočníkem na zavolání. CPIC sestaví seznam "
            "ověřených tlumočníků pro školy.\n\n"
            "3. Adaptační skupiny: kraj zjistí, kolik skupin běží a kde chybí."
        ),
        items=(
            DemoItem(
                "cpic-liberec",
                "Sestavit seznam ověřených tlumočníků pro školy (ukrajinština, ruština, "
                "vietnamština) a rozeslat ho školám.",
                22,
            ),
            DemoItem("poradna-most", "Připravit leták o zápisu do škol v ukrajinštině a češtině.", 9),
            DemoItem(
                "krajsky-urad",
                "Zjistit počet adaptačních skupin v mateřských školách podle ORP.",
                7,
                ActionItemStatus.DONE,
                "Údaje ze všech 10 ORP jsou v tabulce na sdíleném disku.",
            ),
            DemoItem(
                "komunitni-centrum-setkani",
                "Nabídnout školám doučování češtiny ve středu odpoledne.",
                30,
                ActionItemStatus.CANCELLED,
                "Dobrovolníci nejsou k dispozici; vrátíme se k tomu na jaře.",
            ),
        ),
    ),
    DemoMeeting(
        key="platform-winter",
        title="Regionální koordinační platforma – zimní jednání",
        days=12,
        hour=9,
        place="Krajský úřad Libereckého kraje, U Jezu 642/2a, Liberec",
        online_url="https://meet.example.org/spojka-platforma",
        organizations=(
            "krajsky-urad",
            "oamp-liberec",
            "kacpu-liberec",
            "cpic-liberec",
            "up-liberec",
            "mesto-liberec",
            "mesto-jablonec",
            "mesto-ceska-lipa",
            "mesto-turnov",
            "mesto-semily",
            "poradna-most",
        ),
        people=("martin.prikladny", "eva.vzorova", "hana.ukazkova"),
        guests="",
        agenda=(
            "Kontrola úkolů z podzimního jednání",
            "Výsledky sběru dat od obcí: volná ubytovací a školní místa",
            "Plán činnosti platformy na příští rok",
            "Různé",
        ),
        minutes="",
        items=(),
    ),
)


@dataclass(frozen=True)
class DemoPractice:
    """A good-practice entry: texts by language, the organisation that wrote it, actors, tags."""

    key: str
    organization: str
    actors: tuple[str, ...]
    tags: tuple[str, ...]
    visibility: PracticeVisibility
    contacts: str
    texts: dict[str, dict[str, str]]


TAGS: Final[dict[str, dict[str, str]]] = {
    "one-stop-shop": {"cs": "jedno kontaktní místo", "uk": "єдине контактне місце", "en": "one-stop shop"},
    "documents": {"cs": "pobyt a doklady", "uk": "перебування та документи", "en": "residence and documents"},
    "schools": {"cs": "školy", "uk": "школи", "en": "schools"},
    "interpreting": {"cs": "tlumočení", "uk": "усний переклад", "en": "interpreting"},
    "housing": {"cs": "bydlení", "uk": "житло", "en": "housing"},
    "municipalities": {"cs": "obce", "uk": "громади", "en": "municipalities"},
    "language": {"cs": "čeština", "uk": "чеська мова", "en": "Czech language"},
    "data": {"cs": "sběr dat", "uk": "збір даних", "en": "data collection"},
}

PRACTICES: Final[tuple[DemoPractice, ...]] = (
    DemoPractice(
        key="kacpu",
        organization="krajsky-urad",
        actors=("kacpu-liberec", "oamp-liberec", "up-liberec", "cizinecka-policie", "pojistovna-priklad"),
        tags=("one-stop-shop", "documents"),
        visibility=PracticeVisibility.PUBLIC,
        contacts="Krajský koordinátor pro integraci cizinců, koordinace@liberecky-kraj.example.org",
        texts={
            "cs": {
                "title": "KACPU: všechny úřady pod jednou střechou",
                "summary": "Krajské asistenční centrum pomoci Ukrajině spojilo policii, OAMP, úřad práce, "
                "zdravotní pojišťovnu a neziskové organizace na jednom místě s jedním pořadníkem.",
                "problem": "Lidé prchající z Ukrajiny museli obejít pět úřadů v různých částech města, často "
                "bez znalosti češtiny, a na každém stát frontu. Úřady o sobě navzájem nevěděly, kdo už co vyřídil.",
                "solution": "Kraj otevřel krajské asistenční centrum (KACPU) v jedné budově. Každý úřad má svou "
                "přepážku, příchozí dostane na recepci lísteček a systém ho provede přepážkami v pořadí, které "
                "odpovídá jeho situaci. Tlumočníci do ukrajinštiny jsou k dispozici po celou otevírací dobu.",
                "results": "Vyřízení dočasné ochrany, pojištění a podpory zabere místo několika dnů jednu návštěvu. "
                "V nejsilnějších týdnech centrum obsloužilo přes 600 lidí denně; průměrné čekání kleslo pod 40 minut.",
                "actors_text": "Dobrovolníci z řad ukrajinské komunity, Hasičský záchranný sbor (provoz budovy).",
            },
            "uk": {
                "title": "KACPU: усі установи під одним дахом",
                "summary": "Крайовий центр допомоги Україні об'єднав поліцію, OAMP, службу зайнятості, медичну "
                "страхову компанію та неприбуткові організації в одному місці з єдиною електронною чергою.",
                "problem": "Людям, які тікали з України, доводилося обходити п'ять установ у різних частинах міста, "
                "часто без знання чеської, і в кожній стояти в черзі. Установи не знали, що вже зроблено в інших.",
                "solution": "Край відкрив крайовий центр допомоги (KACPU) в одній будівлі. Кожна установа має своє "
                "віконце; на рецепції людина отримує талон, і система веде її віконцями в порядку, що відповідає "
                "її ситуації. Перекладачі з української працюють увесь робочий час.",
                "results": "Оформлення тимчасового захисту, страхування та допомоги займає один візит замість "
                "кількох днів. У найнапруженіші тижні центр обслуговував понад 600 людей на день; середнє "
                "очікування скоротилося до менш ніж 40 хвилин.",
                "actors_text": "Волонтери з української громади, пожежно-рятувальна служба (експлуатація будівлі).",
            },
            "en": {
                "title": "KACPU: every office under one roof",
                "summary": "The Regional Assistance Centre for Ukraine brought the police, the migration office, "
                "the labour office, a health insurer and non-profits into one place with one queue.",
                "problem": "People fleeing Ukraine had to visit five offices in different parts of the city, often "
                "without any Czech, queuing at each. The offices did not know what the others had already done.",
                "solution": "The region opened an assistance centre (KACPU) in one building. Each office has its "
                "own desk; visitors get a ticket at reception and the system routes them through the desks in the "
                "order their situation needs. Ukrainian interpreters are there throughout opening hours.",
                "results": "Temporary protection, health insurance and benefits take one visit instead of several "
                "days. In the busiest weeks the centre served over 600 people a day; the average wait fell below "
                "40 minutes.",
                "actors_text": "Volunteers from the Ukrainian community; the Fire Rescue Service (running the "
                "building).",
            },
        },
    ),
    DemoPractice(
        key="school-interpreters",
        organization="cpic-liberec",
        actors=("cpic-liberec", "krajsky-urad", "mesto-liberec"),
        tags=("schools", "interpreting"),
        visibility=PracticeVisibility.PUBLIC,
        contacts="CPIC Liberec, vzdělávání, skoly@cpic-liberec.example.org",
        texts={
            "cs": {
                "title": "Tlumočníci na zavolání pro školy",
                "summary": "Školy si objednají tlumočníka na třídní schůzku nebo rozhovor s rodiči do 48 hodin; "
                "náklady hradí kraj.",
                "problem": "Učitelé se nedomluvili s rodiči dětí cizinců. Důležité věci – zápis, prospěch, "
                "zdravotní potíže – se řešily přes děti nebo vůbec.",
                "solution": "CPIC vede seznam ověřených tlumočníků (ukrajinština, ruština, vietnamština, "
                "mongolština). Škola vyplní krátký formulář, CPIC tlumočníka zajistí osobně nebo po telefonu. "
                "Kraj z dotačního programu hradí až 10 hodin tlumočení na školu a pololetí.",
                "results": "Za první rok službu využilo 46 škol v kraji, uskutečnilo se 380 tlumočených rozhovorů. "
                "Školy uvádějí méně nedorozumění a lepší docházku na třídní schůzky.",
                "actors_text": "Základní a mateřské školy Libereckého kraje, Národní pedagogický institut.",
            },
            "uk": {
                "title": "Перекладачі на виклик для шкіл",
                "summary": "Школи замовляють перекладача на батьківські збори чи розмову з батьками протягом "
                "48 годин; витрати покриває край.",
                "problem": "Учителі не могли порозумітися з батьками дітей-іноземців. Важливі питання – запис до "
                "школи, успішність, здоров'я – вирішувалися через дітей або не вирішувалися взагалі.",
                "solution": "CPIC веде список перевірених перекладачів (українська, російська, в'єтнамська, "
                "монгольська). Школа заповнює коротку форму, а CPIC забезпечує перекладача особисто або "
                "телефоном. Край із грантової програми оплачує до 10 годин перекладу на школу за півріччя.",
                "results": "За перший рік послугою скористалися 46 шкіл краю, відбулося 380 розмов із "
                "перекладачем. Школи повідомляють про менше непорозумінь і кращу відвідуваність батьківських зборів.",
                "actors_text": "Початкові школи та дитячі садки Ліберецького краю, Національний педагогічний інститут.",
            },
            "en": {
                "title": "Interpreters on call for schools",
                "summary": "Schools book an interpreter for a parents' meeting or a talk with parents within "
                "48 hours; the region pays.",
                "problem": "Teachers could not talk with the parents of foreign children. Important matters – "
                "enrolment, marks, health – went through the children or not at all.",
                "solution": "The integration centre keeps a list of vetted interpreters (Ukrainian, Russian, "
                "Vietnamese, Mongolian). A school fills in a short form and the centre arranges an interpreter in "
                "person or by phone. A regional grant pays up to 10 hours per school and term.",
                "results": "In the first year 46 schools in the region used the service, with 380 interpreted "
                "talks. Schools report fewer misunderstandings and better attendance at parents' meetings.",
                "actors_text": "Primary schools and kindergartens of the Liberec Region; the National Pedagogical "
                "Institute.",
            },
        },
    ),
    DemoPractice(
        key="housing-coordination",
        organization="krajsky-urad",
        actors=("mesto-liberec", "mesto-jablonec", "mesto-ceska-lipa", "mesto-turnov", "mesto-semily"),
        tags=("housing", "municipalities", "data"),
        visibility=PracticeVisibility.PUBLIC,
        contacts="Krajská koordinátorka pro sociální začleňování, bydleni@liberecky-kraj.example.org",
        texts={
            "cs": {
                "title": "Koordinace ubytování s obcemi",
                "summary": "Obce každý měsíc hlásí volná ubytovací místa do jednoho krajského přehledu; kraj "
                "podle něj směruje rodiny tam, kde je místo i škola.",
                "problem": "Rodiny končící v nouzovém ubytování hledaly bydlení samy, zatímco v menších obcích "
                "zůstávaly byty prázdné. Nikdo neměl přehled, kde je volno a kde chybí místa ve školách.",
                "solution": "Kraj zavedl měsíční sběr dat od obcí s rozšířenou působností: volná místa v "
                "nouzovém a obecním bydlení a volná místa ve školách a školkách. Výsledky se probírají na "
                "koordinační platformě a KACPU podle nich nabízí rodinám konkrétní obce.",
                "results": "Za půl roku se podařilo přestěhovat 85 rodin z nouzového ubytování do obecních bytů "
                "mimo Liberec; obce vědí dopředu, kolik dětí mají čekat ve školách.",
                "actors_text": "Správa uprchlických zařízení MV, majitelé ubytoven.",
            },
            "uk": {
                "title": "Координація житла з громадами",
                "summary": "Громади щомісяця повідомляють вільні місця для проживання до єдиного крайового "
                "огляду; за ним край спрямовує родини туди, де є і житло, і школа.",
                "problem": "Родини, яким закінчувалося екстрене житло, шукали помешкання самі, тоді як у менших "
                "громадах квартири стояли порожні. Ніхто не мав огляду, де є вільні місця, а де бракує місць у школах.",
                "solution": "Край запровадив щомісячний збір даних від громад із розширеними повноваженнями: вільні "
                "місця в екстреному та муніципальному житлі й вільні місця в школах і садках. Результати "
                "обговорюються на координаційній платформі, а KACPU на їх основі пропонує родинам конкретні громади.",
                "results": "За пів року 85 родин переїхали з екстреного житла до муніципальних квартир за межами "
                "Лібереця; громади заздалегідь знають, скільки дітей чекати в школах.",
                "actors_text": "Управління притулків для біженців МВС, власники гуртожитків.",
            },
            "en": {
                "title": "Housing coordination with municipalities",
                "summary": "Municipalities report free accommodation every month into one regional overview; the "
                "region uses it to send families where there is both a home and a school place.",
                "problem": "Families leaving emergency accommodation searched for housing alone while flats stood "
                "empty in smaller towns. Nobody knew where there was room and where schools were full.",
                "solution": "The region set up a monthly data collection from the district municipalities: free "
                "places in emergency and municipal housing and free places in schools and kindergartens. The "
                "results are discussed at the coordination platform, and KACPU offers families specific towns.",
                "results": "In six months 85 families moved from emergency accommodation to municipal flats outside "
                "Liberec; municipalities know in advance how many children to expect at school.",
                "actors_text": "The Interior Ministry's Refugee Facilities Administration; hostel owners.",
            },
        },
    ),
    DemoPractice(
        key="adaptation-groups",
        organization="komunitni-centrum-setkani",
        actors=("komunitni-centrum-setkani", "spolek-kalyna", "mesto-ceska-lipa"),
        tags=("schools", "language"),
        visibility=PracticeVisibility.PUBLIC,
        contacts="KC Setkání, Marie Sousedská, setkani@komunitni-centrum.example.org",
        texts={
            "cs": {
                "title": "Adaptační skupiny pro předškoláky a kurzy češtiny pro rodiče",
                "summary": "Děti si zvykají na školku v malé skupině s česko-ukrajinskou lektorkou, jejich rodiče "
                "se mezitím učí česky ve vedlejší místnosti.",
                "problem": "V České Lípě chyběla místa ve školkách a ukrajinské děti přicházely do první třídy bez "
                "češtiny. Matky nemohly chodit na kurzy, protože neměly hlídání.",
                "solution": "Komunitní centrum otevřelo dvakrát týdně adaptační skupinu pro děti od 3 do 6 let. Ve "
                "stejnou dobu probíhá ve vedlejší místnosti kurz češtiny pro rodiče. Spolek Kalyna zajišťuje "
                "dobrovolnice, město poskytlo prostory zdarma.",
                "results": "Skupinami prošlo 60 dětí; 41 z nich nastoupilo do české školky nebo školy. Kurz "
                "dokončilo 35 rodičů, 12 z nich si našlo práci.",
                "actors_text": "Dobrovolnice z ukrajinské komunity, mateřské školy v České Lípě.",
            },
            "uk": {
                "title": "Адаптаційні групи для дошкільнят і курси чеської для батьків",
                "summary": "Діти звикають до садочка в невеликій групі з чесько-українською виховательницею, а "
                "їхні батьки тим часом вивчають чеську в сусідній кімнаті.",
                "problem": "У Чеській Липі бракувало місць у садках, і українські діти приходили до першого класу "
                "без знання чеської. Мами не могли відвідувати курси, бо не мали з ким залишити дітей.",
                "solution": "Комунітний центр двічі на тиждень відкрив адаптаційну групу для дітей від 3 до 6 "
                "років. Водночас у сусідній кімнаті проходить курс чеської для батьків. Спілка «Калина» забезпечує "
                "волонтерок, місто безкоштовно надало приміщення.",
                "results": "Групи відвідали 60 дітей; 41 із них пішли до чеського садка або школи. Курс закінчили "
                "35 батьків, 12 із них знайшли роботу.",
                "actors_text": "Волонтерки з української громади, дитячі садки Чеської Липи.",
            },
            "en": {
                "title": "Adaptation groups for pre-schoolers and Czech classes for parents",
                "summary": "Children get used to kindergarten in a small group with a Czech-Ukrainian teacher "
                "while their parents learn Czech in the room next door.",
                "problem": "Česká Lípa lacked kindergarten places and Ukrainian children started school without "
                "any Czech. Mothers could not attend courses because nobody looked after their children.",
                "solution": "The community centre opened an adaptation group for children aged 3 to 6 twice a "
                "week. At the same time a Czech course for parents runs next door. The Kalyna association provides "
                "volunteers; the town lent the rooms for free.",
                "results": "60 children took part; 41 went on to a Czech kindergarten or school. 35 parents "
                "finished the course and 12 of them found work.",
                "actors_text": "Volunteers from the Ukrainian community; kindergartens in Česká Lípa.",
            },
        },
    ),
    DemoPractice(
        key="shared-spreadsheet-lessons",
        organization="krajsky-urad",
        actors=("krajsky-urad", "kacpu-liberec"),
        tags=("data",),
        visibility=PracticeVisibility.INTERNAL,
        contacts="Lucie Tabulková, analytička odboru sociálních věcí",
        texts={
            "cs": {
                "title": "Poučení: proč sdílená tabulka kapacit nestačila",
                "summary": "Interní shrnutí prvního roku, kdy obce hlásily volná místa do sdílené tabulky.",
                "problem": "Obce zapisovaly do jedné sdílené tabulky, přepisovaly si navzájem údaje a nebylo "
                "poznat, jak čerstvé která čísla jsou.",
                "solution": "Sběr dat přešel do Spojky: každá obec odpovídá ve vlastním formuláři, ke každému "
                "číslu se ukládá datum potvrzení a koordinátor vidí, kdo ještě neodpověděl.",
                "results": "Odpovídá 10 z 10 ORP do termínu; koordinátor už nemusí obvolávat obce.",
                "actors_text": "",
            },
            "uk": {
                "title": "Висновки: чому спільної таблиці місць було недостатньо",
                "summary": "Внутрішній підсумок першого року, коли громади повідомляли вільні місця у спільну таблицю.",
                "problem": "Громади записували дані в одну спільну таблицю, переписували дані одна одної, і не було "
                "видно, наскільки свіжі ті чи інші цифри.",
                "solution": "Збір даних перейшов до Spojka: кожна громада відповідає у власній формі, до кожної "
                "цифри зберігається дата підтвердження, а координатор бачить, хто ще не відповів.",
                "results": "Усі 10 громад із розширеними повноваженнями відповідають вчасно; координаторові вже не "
                "треба обдзвонювати громади.",
                "actors_text": "",
            },
            "en": {
                "title": "Lessons learnt: why a shared capacity spreadsheet was not enough",
                "summary": "An internal summary of the first year, when municipalities reported free places in a "
                "shared spreadsheet.",
                "problem": "Municipalities wrote into one shared spreadsheet, overwrote each other's figures, and "
                "nobody could tell how fresh each number was.",
                "solution": "Data collection moved to Spojka: each municipality answers in its own form, every "
                "figure keeps the date it was confirmed, and the coordinator sees who has not answered yet.",
                "results": "All 10 district municipalities answer by the deadline; the coordinator no longer phones "
                "round.",
                "actors_text": "",
            },
        },
    ),
)


def _id(kind: str, key: str) -> uuid.UUID:
    return uuid.uuid5(_NAMESPACE, f"{kind}:{key}")


def _at(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def _organizations(keys: tuple[str, ...]) -> list[Organization]:
    ids = [demo_organization_id(key) for key in keys]
    return list(Organization.objects.filter(pk__in=ids))


@transaction.atomic
def load_demo_coordination_meetings() -> DemoMeetingsLoaded:
    """Create or update the demo's meetings, action items and good-practice entries."""
    today = timezone.localdate()
    coordinator = User.objects.filter(email=COORDINATOR).first()
    items = 0
    for demo in MEETINGS:
        items += _load_meeting(demo, today, coordinator)
    for practice in PRACTICES:
        _load_practice(practice, coordinator)
    loaded = DemoMeetingsLoaded(meetings=len(MEETINGS), action_items=items, practices=len(PRACTICES))
    log.info("demo_coordination_meetings_loaded", meetings=loaded.meetings, items=items, practices=len(PRACTICES))
    return loaded


def _load_meeting(demo: DemoMeeting, today: date, coordinator: User | None) -> int:
    day = today + timedelta(days=demo.days)
    starts_at = _at(day, demo.hour)
    meeting, _created = Meeting.objects.update_or_create(
        pk=_id("meeting", demo.key),
        defaults={
            "title": demo.title,
            "starts_at": starts_at,
            "ends_at": starts_at + timedelta(hours=2, minutes=30),
            "place": demo.place,
            "online_url": demo.online_url,
            "guests": demo.guests,
            "minutes": demo.minutes,
            "minutes_updated_at": starts_at + timedelta(days=1) if demo.minutes else None,
            "created_by": coordinator,
        },
    )
    meeting.organizations.set(_organizations(demo.organizations))
    people = [f"{name}@{liberec.EMAIL_DOMAIN}" for name in demo.people]
    meeting.participants.set(list(User.objects.filter(email__in=people)))
    meeting.agenda.all().delete()
    AgendaItem.objects.bulk_create(
        AgendaItem(meeting=meeting, position=position, title=title) for position, title in enumerate(demo.agenda, 1)
    )
    count = 0
    for number, item in enumerate(demo.items):
        owner = Organization.objects.filter(pk=demo_organization_id(item.owner)).first()
        if owner is None:
            continue
        due_on = day + timedelta(days=item.due_after_days)
        closed_at = _at(min(due_on, today), 15) if item.closed else None
        ActionItem.objects.update_or_create(
            pk=_id("item", f"{demo.key}:{number}"),
            defaults={
                "meeting": meeting,
                "text": item.text,
                "owner": owner,
                "due_on": due_on,
                "status": item.closed or ActionItemStatus.OPEN,
                "closed_at": closed_at,
                "closed_by": coordinator if item.closed else None,
                "closing_note": item.note,
            },
        )
        count += 1
    return count


def _load_practice(demo: DemoPractice, coordinator: User | None) -> None:
    organization = Organization.objects.filter(pk=demo_organization_id(demo.organization)).first()
    if organization is None:
        return
    practice = GoodPractice.objects.filter(pk=_id("practice", demo.key)).first() or GoodPractice(
        pk=_id("practice", demo.key), published_at=timezone.now()
    )
    practice.organization = organization
    practice.contacts = demo.contacts
    practice.visibility = demo.visibility
    practice.status = PracticeStatus.PUBLISHED
    practice.created_by = coordinator
    practice.translations = {}
    for language, texts in demo.texts.items():
        practice.set_translations(language, texts)
    practice.save()
    practice.actors.set(_organizations(demo.actors))
    tags = []
    for slug in demo.tags:
        names = TAGS[slug]
        tag, _created = PracticeTag.objects.get_or_create(slug=slug, defaults={"name": names["cs"]})
        tag.name = names["cs"]
        tag.translations = {}
        for language, name in names.items():
            tag.set_translations(language, {"name": name})
        tag.save()
        tags.append(tag)
    practice.tags.set(tags)
