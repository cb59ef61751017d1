"""The demo catalog's content: genres, people, shows, collections and articles.

Everything here is plain data. ``builder`` turns it into pages and snippets, and
``episodes`` turns each show's pools into episode titles and synopses with a
random generator seeded by the show's slug, so every run plans the same catalog.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class GenreData:
    name: str
    description: str


@dataclass(frozen=True)
class PersonData:
    name: str
    birth_year: int
    bio: str


@dataclass(frozen=True)
class ShowData:
    """One show. ``episodes`` holds the episode count of each season, in order."""

    slug: str
    title: str
    genres: tuple[str, ...]
    synopsis: str
    tagline: str
    first_air_year: int
    episodes: tuple[int, ...]
    colors: tuple[str, str, str]  # gradient top, gradient bottom, accent
    cast: tuple[tuple[str, str], ...]  # (person, character), in billing order
    crew: tuple[tuple[str, str], ...]  # (role, person)
    setting: str
    status: str = "returning"
    maturity_rating: str = "TV-14"
    original_language: str = "en"
    #: the latest season is still airing: its last episodes are not available yet
    airing: bool = False
    #: some of the first season's episodes have left the catalog
    leaving: bool = False
    #: hand-written episode titles and synopses (documentaries), used before the pools
    episode_titles: tuple[str, ...] = ()
    episode_synopses: tuple[str, ...] = ()
    runtime: tuple[int, int] = (42, 58)
    #: countries where the show may play (empty: everywhere)
    regions: tuple[str, ...] = ()


@dataclass(frozen=True)
class ArticleData:
    slug: str
    title: str
    kind: str
    author: str
    days_ago: int
    summary: str
    body: tuple[tuple[str, object], ...]
    shows: tuple[str, ...] = ()


@dataclass(frozen=True)
class CollectionData:
    slug: str
    name: str
    shows: tuple[str, ...] = field(default_factory=tuple)


GENRES = (
    GenreData("Drama", "Character-driven stories with stakes that stay with you."),
    GenreData("Comedy", "Sitcoms, satire and ensemble comedies for when you need a laugh."),
    GenreData("Sci-Fi", "Starships, strange signals and futures that might just happen."),
    GenreData("Crime", "Detectives, heists and the long shadow of a single bad decision."),
    GenreData("Documentary", "True stories from the natural world and the people in it."),
    GenreData("Animation", "Hand-drawn, stop-motion and CG series for every age."),
    GenreData("Thriller", "Slow-burn suspense and cliffhangers that demand one more episode."),
    GenreData("Fantasy", "Magic, myth and kingdoms that never were."),
)

PEOPLE = (
    PersonData("Ines Calloway", 1981, "Stage-trained actor known for quiet, precise leads."),
    PersonData(
        "Tomasz Wren", 1976, "Character actor who has played more detectives than he can count."
    ),
    PersonData(
        "Adaeze Okafor", 1990, "Actor and playwright; a breakout star of recent prestige drama."
    ),
    PersonData(
        "Ruben Salgado", 1985, "Actor and voice artist, equally at home in comedy and thrillers."
    ),
    PersonData("Hana Moriyama", 1993, "Actor who moved from music videos to leading roles."),
    PersonData("Felix Brandt", 1969, "Veteran screen actor and occasional director."),
    PersonData("Oona Lindqvist", 1988, "Swedish-Finnish actor known for intense genre work."),
    PersonData("Marcus Bell", 1979, "Comedian and actor, a regular on the stand-up circuit."),
    PersonData("Priya Natarajan", 1991, "Actor and improviser who started in sketch comedy."),
    PersonData("Colm Dunleavy", 1972, "Irish actor with a long run of period and crime roles."),
    PersonData("Sofia Marchetti", 1986, "Italian actor who works in four languages."),
    PersonData("Jonah Achterberg", 1995, "Young actor who broke through in science fiction."),
    PersonData("Lucille Amadi", 1983, "Actor and producer with a company of her own."),
    PersonData("Dev Kapoor", 1989, "Actor known for comic timing and unexpected dramatic turns."),
    PersonData("Rosa Vidal", 1977, "Spanish actor, a favourite of festival juries."),
    PersonData("Kasper Holm", 1980, "Danish actor at the centre of several Nordic noir hits."),
    PersonData("Mette Kjær", 1984, "Danish actor and former investigative journalist."),
    PersonData("Elliot Strand", 1998, "Voice actor for animation and games."),
    PersonData("Nia Fairweather", 1994, "Voice actor and singer."),
    PersonData(
        "Gus Penhaligon", 1966, "Voice actor whose growl is in half the cartoons you remember."
    ),
    PersonData("Beatrix Quayle", 1975, "Actor best known as a formidable on-screen judge."),
    PersonData("Samir Haddad", 1987, "Actor and writer who moves easily between stage and screen."),
    PersonData("Yara Castellanos", 1992, "Actor who trained as a dancer."),
    PersonData("Theo Marlowe", 1970, "Actor whose career spans four decades of television."),
    PersonData("Wen Zhao", 1990, "Actor and martial artist."),
    PersonData("Harriet Osei", 1982, "Actor known for hospital and legal dramas."),
    PersonData("Aurelio Bianchi", 1964, "Naturalist, writer and broadcaster."),
    PersonData("June Takahashi", 1979, "Documentary presenter and craftsperson."),
    PersonData("Malin Ekdahl", 1974, "Showrunner and writer of literary crime drama."),
    PersonData("Raymond Osterhout", 1968, "Director of science-fiction features and series."),
    PersonData("Celeste Ward", 1980, "Writer and creator of ensemble comedies."),
    PersonData(
        "Bram Ketteridge", 1977, "Director with a background in commercials and music videos."
    ),
    PersonData("Anouk Desrosiers", 1983, "Writer, creator and former theatre director."),
    PersonData("Olu Adebayo", 1986, "Director of documentaries and natural-history series."),
    PersonData("Kirsty Mcleod", 1981, "Animation director and storyboard artist."),
    PersonData("Pavel Novak", 1973, "Writer of thrillers for page and screen."),
    PersonData("Mara Ellison", 1984, "Television critic at mediasite."),
    PersonData("Tobias Fenn", 1979, "News editor at mediasite."),
    PersonData("Priya Raman", 1990, "Features writer at mediasite."),
)

SHOWS = (
    ShowData(
        slug="the-long-harbour",
        title="The Long Harbour",
        genres=("Drama", "Crime"),
        synopsis=(
            "When a trawler comes home without its skipper, harbour master Nell Cardew starts "
            "asking questions that a small Cornish town has spent twenty years not answering."
        ),
        tagline="Every tide brings something back.",
        first_air_year=2019,
        episodes=(8, 8, 6),
        colors=("#0f2a3f", "#3f7c85", "#f2c14e"),
        cast=(
            ("Ines Calloway", "Nell Cardew"),
            ("Colm Dunleavy", "Father Declan Roe"),
            ("Adaeze Okafor", "DS Maya Trent"),
            ("Theo Marlowe", "Alfie Pascoe"),
        ),
        crew=(
            ("creator", "Malin Ekdahl"),
            ("writer", "Malin Ekdahl"),
            ("director", "Bram Ketteridge"),
        ),
        setting="the harbour",
        status="ended",
        maturity_rating="TV-14",
        leaving=True,
    ),
    ShowData(
        slug="signal-lost",
        title="Signal Lost",
        genres=("Sci-Fi", "Thriller"),
        synopsis=(
            "The five-person crew of a deep-space relay station receives a distress call. "
            "The voice on the recording is their commander's, and it was sent next week."
        ),
        tagline="The message is from us.",
        first_air_year=2024,
        episodes=(8, 8),
        colors=("#050816", "#2b1b5a", "#4de1ff"),
        cast=(
            ("Jonah Achterberg", "Cdr. Eli Vance"),
            ("Oona Lindqvist", "Dr. Sigrid Haal"),
            ("Wen Zhao", "Lt. Bo Chen"),
            ("Lucille Amadi", "Engineer Ama Quist"),
            ("Samir Haddad", "ARC (voice)"),
        ),
        crew=(
            ("creator", "Raymond Osterhout"),
            ("director", "Raymond Osterhout"),
            ("writer", "Pavel Novak"),
        ),
        setting="Relay Station Tenebris",
        maturity_rating="TV-14",
        airing=True,
    ),
    ShowData(
        slug="flatmates-anonymous",
        title="Flatmates Anonymous",
        genres=("Comedy",),
        synopsis=(
            "Four strangers answer the same too-good-to-be-true ad for a Hackney flat and "
            "discover it comes with a weekly support group run by the landlord."
        ),
        tagline="Hi, my name is… and I need the bathroom.",
        first_air_year=2020,
        episodes=(6, 8, 8, 6),
        colors=("#ff7a59", "#ffc65c", "#2f2a60"),
        cast=(
            ("Marcus Bell", "Gaz Okoro"),
            ("Priya Natarajan", "Tilly Banerjee"),
            ("Dev Kapoor", "Rohan Mistry"),
            ("Hana Moriyama", "Kiko Saito"),
            ("Theo Marlowe", "Mr. Pettigrew"),
        ),
        crew=(
            ("creator", "Celeste Ward"),
            ("writer", "Celeste Ward"),
            ("director", "Bram Ketteridge"),
        ),
        setting="the flat",
        runtime=(22, 30),
    ),
    ShowData(
        slug="kingdom-of-ash",
        regions=("GB", "IE", "FR", "DE", "NL", "BE", "US", "CA"),
        title="Kingdom of Ash",
        genres=("Fantasy", "Drama"),
        synopsis=(
            "An exiled princess, a disgraced knight and the last dragon in the north march on "
            "a throne that burned down the night her father died."
        ),
        tagline="What burns, returns.",
        first_air_year=2021,
        episodes=(8, 8, 10),
        colors=("#1b0c0c", "#8c2f1b", "#ffb347"),
        cast=(
            ("Adaeze Okafor", "Queen-in-Exile Seren"),
            ("Felix Brandt", "Ser Aldous Marrow"),
            ("Yara Castellanos", "Wren of the Fells"),
            ("Colm Dunleavy", "Lord Regent Caddock"),
            ("Gus Penhaligon", "Vethrax (voice)"),
        ),
        crew=(
            ("creator", "Anouk Desrosiers"),
            ("writer", "Anouk Desrosiers"),
            ("director", "Raymond Osterhout"),
        ),
        setting="the Ashen Throne",
        maturity_rating="TV-MA",
    ),
    ShowData(
        slug="cold-ledger",
        title="Cold Ledger",
        genres=("Crime", "Thriller"),
        synopsis=(
            "A forensic accountant with the Copenhagen fraud squad follows one missing krone "
            "into a laundering ring that reaches the ministry — and her own family."
        ),
        tagline="Follow the money. Then run.",
        first_air_year=2018,
        episodes=(10, 8),
        colors=("#0b1320", "#44576d", "#e0e6ed"),
        cast=(
            ("Mette Kjær", "Karen Vestergaard"),
            ("Kasper Holm", "Inspector Lars Brix"),
            ("Oona Lindqvist", "Astrid Moll"),
            ("Felix Brandt", "Minister Henrik Sand"),
        ),
        crew=(
            ("creator", "Malin Ekdahl"),
            ("writer", "Pavel Novak"),
            ("director", "Malin Ekdahl"),
        ),
        setting="Copenhagen",
        status="ended",
        maturity_rating="TV-MA",
        original_language="da",
    ),
    ShowData(
        slug="the-quiet-planet",
        title="The Quiet Planet",
        genres=("Documentary",),
        synopsis=(
            "Naturalist Aurelio Bianchi travels with a team of sound recordists to the places "
            "where the natural world is still louder than we are — and listens."
        ),
        tagline="Listen closer.",
        first_air_year=2022,
        episodes=(6, 6),
        colors=("#0d3b2e", "#6fb07f", "#f5f1e3"),
        cast=(("Aurelio Bianchi", "Presenter"),),
        crew=(("director", "Olu Adebayo"), ("writer", "Aurelio Bianchi")),
        setting="the field",
        maturity_rating="TV-G",
        episode_titles=(
            "Dawn Chorus",
            "The Singing Ice",
            "Under the Canopy",
            "Reef at Night",
            "Desert Thunder",
            "The Last Quiet Valley",
            "Whale Roads",
            "Cities of Insects",
            "The Hum of the Steppe",
            "Mangrove Tides",
            "Wind Over the Páramo",
            "Homecoming",
        ),
        episode_synopses=(
            "Before sunrise in a Welsh oak wood, the team records the hour that birds own.",
            "Lake Baikal's winter ice groans and sings; we find out why.",
            "Three hundred feet up in Borneo's rainforest, a new world of sound.",
            "Hydrophones reveal the crackle and grunt of a coral reef after dark.",
            "In the Namib, the first storm in two years changes everything in minutes.",
            "A valley in Montana is one of the last places with no human noise at all.",
            "Humpback songs travel thousands of miles. The team follows one.",
            "A termite mound, a bee hive and a cicada brood: the sounds of superorganisms.",
            "On Mongolia's grasslands, wild horses and the wind keep time together.",
            "Mudskippers, pistol shrimp and rising seas in Bangladesh's Sundarbans.",
            "High in the Andes, plants have learned to live with a wind that never stops.",
            "Back home, Aurelio asks what it would take to give our cities their quiet back.",
        ),
        runtime=(48, 55),
    ),
    ShowData(
        slug="paper-moons",
        title="Paper Moons",
        genres=("Animation", "Comedy", "Fantasy"),
        synopsis=(
            "In a town folded entirely out of paper, an inventive origami fox named Pim and her "
            "best friend Tuck keep the rain away — mostly."
        ),
        tagline="Handle with care.",
        first_air_year=2020,
        episodes=(10, 10, 8),
        colors=("#2d3a8c", "#a6c8ff", "#ffd166"),
        cast=(
            ("Nia Fairweather", "Pim"),
            ("Elliot Strand", "Tuck"),
            ("Gus Penhaligon", "Mayor Crease"),
            ("Priya Natarajan", "Auntie Vellum"),
        ),
        crew=(
            ("creator", "Kirsty Mcleod"),
            ("director", "Kirsty Mcleod"),
            ("writer", "Celeste Ward"),
        ),
        setting="Foldbury",
        maturity_rating="TV-Y",
        runtime=(11, 24),
    ),
    ShowData(
        slug="night-shift-at-st-brigids",
        title="Night Shift at St. Brigid's",
        genres=("Drama",),
        synopsis=(
            "Between midnight and eight, the A&E at St. Brigid's runs on coffee, gallows humour "
            "and a charge nurse who has seen everything twice."
        ),
        tagline="Nobody sleeps. Everybody dreams.",
        first_air_year=2017,
        episodes=(8, 8, 8, 8),
        colors=("#12233f", "#4b6cb7", "#ff5d73"),
        cast=(
            ("Harriet Osei", "Charge Nurse Grace Adjei"),
            ("Ruben Salgado", "Dr. Mateo Ruiz"),
            ("Ines Calloway", "Dr. Fran Whitlock"),
            ("Dev Kapoor", "Paramedic Sunny Dhar"),
            ("Theo Marlowe", "Porter Len"),
        ),
        crew=(
            ("creator", "Lucille Amadi"),
            ("writer", "Samir Haddad"),
            ("director", "Bram Ketteridge"),
        ),
        setting="the ward",
        airing=True,
    ),
    ShowData(
        slug="orbitals",
        title="Orbitals",
        genres=("Sci-Fi", "Drama"),
        synopsis=(
            "Two hundred years into a voyage nobody alive chose, the families of the generation "
            "ship Meridian learn that their destination has already been settled."
        ),
        tagline="Born in transit.",
        first_air_year=2021,
        episodes=(8, 8, 8),
        colors=("#000814", "#003566", "#ffc300"),
        cast=(
            ("Sofia Marchetti", "Captain Livia Orsini"),
            ("Jonah Achterberg", "Pilot Cass Ander"),
            ("Wen Zhao", "Chief Engineer Lin"),
            ("Rosa Vidal", "Elder Marisol"),
        ),
        crew=(
            ("creator", "Raymond Osterhout"),
            ("writer", "Anouk Desrosiers"),
            ("director", "Raymond Osterhout"),
        ),
        setting="the Meridian",
    ),
    ShowData(
        slug="the-understudy",
        title="The Understudy",
        genres=("Thriller", "Drama"),
        synopsis=(
            "An understudy finally gets her chance when the star of a West End revival vanishes "
            "— and someone in the audience knows exactly why."
        ),
        tagline="The show must go on.",
        first_air_year=2023,
        episodes=(6, 6),
        colors=("#1a0010", "#6d0f2e", "#f4d35e"),
        cast=(
            ("Yara Castellanos", "Bea Lowry"),
            ("Samir Haddad", "Julian Pryce"),
            ("Lucille Amadi", "Dame Odile Fontaine"),
            ("Tomasz Wren", "DI Frank Szabo"),
        ),
        crew=(
            ("creator", "Pavel Novak"),
            ("writer", "Pavel Novak"),
            ("director", "Bram Ketteridge"),
        ),
        setting="the Aldwych Theatre",
        status="ended",
        maturity_rating="TV-MA",
    ),
    ShowData(
        slug="small-claims",
        title="Small Claims",
        genres=("Comedy", "Crime"),
        synopsis=(
            "Judge Agnes Thorpe hears disputes worth under five thousand pounds. Somehow, every "
            "one of them ends in a conspiracy."
        ),
        tagline="No case too small. Unfortunately.",
        first_air_year=2019,
        episodes=(6, 8, 8),
        colors=("#3d2c8d", "#916bbf", "#c996cc"),
        cast=(
            ("Beatrix Quayle", "Judge Agnes Thorpe"),
            ("Marcus Bell", "Clerk Dwayne Fisk"),
            ("Tomasz Wren", "Bailiff Piotr"),
            ("Hana Moriyama", "Solicitor Jun Oda"),
        ),
        crew=(
            ("creator", "Celeste Ward"),
            ("writer", "Samir Haddad"),
            ("director", "Celeste Ward"),
        ),
        setting="court four",
        runtime=(24, 32),
    ),
    ShowData(
        slug="made-by-hand",
        title="Made by Hand",
        genres=("Documentary",),
        synopsis=(
            "Craftsperson June Takahashi apprentices herself, for a week at a time, to makers "
            "keeping old skills alive in a world of machines."
        ),
        tagline="Slow things, made well.",
        first_air_year=2023,
        episodes=(6, 6),
        colors=("#3e2723", "#a1887f", "#ffe0b2"),
        cast=(("June Takahashi", "Presenter"),),
        crew=(("director", "Olu Adebayo"), ("creator", "June Takahashi")),
        setting="the workshop",
        maturity_rating="TV-G",
        episode_titles=(
            "The Bladesmith",
            "Indigo",
            "The Cooper's Barrel",
            "Paper from Mulberry",
            "Dry-Stone Walls",
            "The Luthier",
            "Glass Breath",
            "Thatch",
            "The Bookbinder",
            "Rope Walk",
            "Lacquer",
            "The Clockmaker's Bench",
        ),
        episode_synopses=(
            "In Seki, Japan, June learns why a kitchen knife takes three hundred hammer blows.",
            "A family in Tokushima has dyed cloth with fermented indigo for six generations.",
            "One of Scotland's last master coopers shows June how to raise a whisky cask.",
            "June strips, boils and beats mulberry bark into washi paper in Mino.",
            "In the Yorkshire Dales, a waller builds without mortar, as his grandfather did.",
            "A violin maker in Cremona spends a week on a single scroll.",
            "On Murano, June tries — and fails, twice — to blow a glass vessel.",
            "Norfolk reed, a thatcher's legget and a roof that will outlast them both.",
            "An Edinburgh bindery sews a book the way it was done in 1600.",
            "At the historic rope walk in Chatham, hemp becomes a ship's cable.",
            "Urushi lacquer in Wajima: forty coats and a year of patience.",
            "A Swiss clockmaker lets June assemble a movement, one screw at a time.",
        ),
        runtime=(28, 35),
    ),
    ShowData(
        slug="tin-star-rangers",
        title="Tin Star Rangers",
        genres=("Animation", "Sci-Fi"),
        synopsis=(
            "Three rookie robot rangers patrol the wild asteroid frontier, keeping the peace "
            "with a lasso, a laser and a very old instruction manual."
        ),
        tagline="Space is big. Their hearts are bigger.",
        first_air_year=2022,
        episodes=(10, 10),
        colors=("#14213d", "#fca311", "#e5e5e5"),
        cast=(
            ("Elliot Strand", "Bolt"),
            ("Nia Fairweather", "Sprocket"),
            ("Ruben Salgado", "Sheriff Gearhart"),
            ("Gus Penhaligon", "Captain Rust"),
        ),
        crew=(
            ("creator", "Kirsty Mcleod"),
            ("director", "Kirsty Mcleod"),
            ("writer", "Dev Kapoor"),
        ),
        setting="the asteroid frontier",
        maturity_rating="TV-G",
        runtime=(22, 24),
    ),
)

# Episode title pools. Shows draw from their genres' pools, then from GENERAL.
TITLE_POOLS = {
    "Drama": (
        "What the Tide Left",
        "Small Hours",
        "Burden of Proof",
        "The Quiet Part",
        "Old Wounds",
        "A Kindness",
        "Long Way Round",
        "Homecoming",
        "Fault Lines",
        "The Visit",
        "Last Orders",
        "Hold Fast",
        "Salt",
        "The Reckoning",
        "Undertow",
    ),
    "Comedy": (
        "The One With the Goat",
        "Rent Day",
        "Bin Night",
        "Surprise Party",
        "The Lodger",
        "Karaoke",
        "Fire Drill",
        "Open Mic",
        "The Hamster Situation",
        "Double Booked",
        "Sourdough",
        "Escape Room",
        "Quiz Night",
        "The Plumber",
        "Secret Santa",
    ),
    "Sci-Fi": (
        "Dark Side",
        "Event Horizon",
        "Telemetry",
        "First Light",
        "Drift",
        "Perihelion",
        "The Long Dark",
        "Zero-G",
        "Echoes",
        "Blackout Protocol",
        "Redshift",
        "Contact",
        "Terminus",
        "Dead Reckoning",
        "Quarantine",
    ),
    "Crime": (
        "Chain of Custody",
        "The Informant",
        "Cold Case",
        "Alibi",
        "Paper Trail",
        "The Confession",
        "Dead Drop",
        "Interview Room Two",
        "Loose Ends",
        "Smoke",
        "The Long Con",
        "Accessory",
        "Witness",
        "Fingerprints",
        "Offshore",
    ),
    "Thriller": (
        "Point of No Return",
        "The Stranger",
        "Countdown",
        "Trapdoor",
        "Static",
        "The Watcher",
        "Nowhere to Run",
        "Blind Spot",
        "Tripwire",
        "Curtain Call",
        "Exit Wound",
        "The Ghost Light",
        "Safe House",
        "Zero Hour",
        "Deadline",
    ),
    "Fantasy": (
        "The Oathbreaker",
        "Embers",
        "Crown of Thorns",
        "The Wyrm Road",
        "Hollow Hill",
        "The Drowned King",
        "Blood and Iron",
        "Winter's Due",
        "The Old Tongue",
        "Ashfall",
        "The Hunt",
        "Moonwell",
        "The Pact",
        "Stone and Sky",
        "Wildfire",
    ),
    "Animation": (
        "Rainy Day",
        "The Big Race",
        "Lost and Found",
        "The Wobbly Bridge",
        "Pancake Day",
        "A Very Long Nap",
        "The Kite Contest",
        "Bubble Trouble",
        "The Treasure Map",
        "Snow Day",
        "Best Friends",
        "The Big Sneeze",
        "Upside Down",
        "Lantern Night",
        "The Mystery Noise",
    ),
}
GENERAL_TITLES = (
    "Turning Point",
    "Crossroads",
    "Second Chances",
    "The Morning After",
    "Out of Reach",
    "Borrowed Time",
    "Fresh Start",
    "Full Circle",
    "Aftermath",
    "The Long Night",
    "Ties That Bind",
    "Breaking Point",
    "Into the Storm",
    "Common Ground",
    "New Blood",
    "Home Truths",
    "The Weight",
    "Blind Faith",
    "Open Water",
    "Under Pressure",
    "Bridges",
    "The Offer",
    "Daybreak",
    "Loyalty",
    "The Last Word",
)

# Synopsis sentence templates per genre: {a} and {b} are characters, {place} the setting.
SYNOPSIS_TEMPLATES = {
    "Drama": (
        "{a} finds a letter that changes how everyone at {place} remembers the past.",
        "{a} and {b} clash over a secret neither of them meant to keep.",
        "An old friend arrives at {place}, and {a} is the only one who isn't pleased.",
        "{b} makes a choice that {a} can't forgive — yet.",
    ),
    "Comedy": (
        "{a} accidentally agrees to host a party and {b} makes it much, much worse.",
        "A misunderstanding about a parcel spirals until all of {place} is involved.",
        "{a} tries to prove a point to {b} and ends up stuck in a lift for the day.",
        "{b} takes up a hobby; {a} takes it personally.",
    ),
    "Sci-Fi": (
        "A malfunction aboard {place} forces {a} to trust {b} with everyone's lives.",
        "{a} decodes a fragment of the signal and doesn't like what it says.",
        "A hull breach at {place} leaves {b} cut off and running out of air.",
        "{a} discovers a log entry dated three days in the future.",
    ),
    "Crime": (
        "A body found near {place} points {a} towards someone {b} has been protecting.",
        "{a} leans on a reluctant witness while {b} follows the money.",
        "An alibi falls apart and {a} has forty-eight hours to find out why.",
        "{b} gets too close to the truth, and {a} has to choose a side.",
    ),
    "Thriller": (
        "{a} receives an anonymous message that only {b} could have sent.",
        "The trap {a} set at {place} closes on the wrong person.",
        "{b} vanishes overnight and {a} realises they are being watched.",
        "A deadline expires at midnight; {a} is still three steps behind.",
    ),
    "Fantasy": (
        "{a} seeks an old power beneath {place}, but {b} has already paid its price.",
        "A broken oath sends {a} and {b} into lands that do not forgive strangers.",
        "The dragon stirs, and {a} must decide who deserves its fire.",
        "{b} returns from the north with news that could start a war.",
    ),
    "Animation": (
        "{a} and {b} set out to fix a leak before the whole of {place} gets soggy.",
        "{b} loses something precious and {a} organises a very big search.",
        "A new neighbour arrives in {place} and {a} is sure they're a spy.",
        "{a} invents a machine to help everyone — what could possibly go wrong?",
    ),
}

# Second sentences for generated synopses: {c} is a character, {place} the setting.
FOLLOW_UPS = (
    "Meanwhile, {c} makes a discovery that changes everything.",
    "Meanwhile, {c} has news that can't wait.",
    "{c} isn't telling the whole truth.",
    "And {c} finally says what everyone has been thinking.",
    "By nightfall, nothing at {place} will be quite the same.",
    "{c} gets an unexpected visitor.",
    "{c} has a decision to make, and not much time.",
    "An old rivalry flares up when {c} takes sides.",
)

COLLECTIONS = (
    CollectionData(
        "staff-picks",
        "Staff picks",
        ("the-long-harbour", "signal-lost", "the-quiet-planet", "kingdom-of-ash", "small-claims"),
    ),
    CollectionData(
        "award-winners",
        "Award winners",
        ("cold-ledger", "night-shift-at-st-brigids", "made-by-hand", "orbitals"),
    ),
    CollectionData(
        "binge-in-a-weekend",
        "Binge it in a weekend",
        ("the-understudy", "signal-lost", "flatmates-anonymous", "cold-ledger"),
    ),
    CollectionData(
        "family-night", "Family night", ("paper-moons", "tin-star-rangers", "the-quiet-planet")
    ),
)

# Article bodies are lists of StreamField blocks: ("heading", text),
# ("paragraph", html) and ("quote", (quote, attribution)).
ARTICLES = (
    ArticleData(
        slug="signal-lost-season-two-trailer",
        title="Signal Lost season two: the first trailer is here",
        kind="news",
        author="Tobias Fenn",
        days_ago=3,
        summary="The relay station is dark, the crew is split, and Commander Vance has a twin.",
        shows=("signal-lost",),
        body=(
            (
                "paragraph",
                "<p>The first trailer for the second season of <b>Signal Lost</b> "
                "landed this morning, and it answers exactly none of our questions.</p>",
            ),
            ("heading", "What we saw"),
            (
                "paragraph",
                "<p>Ninety seconds of flickering emergency lights, a second Eli Vance "
                "and one line of dialogue that has already become a meme.</p>",
            ),
            ("quote", ("We didn't send that message. Not yet.", "Cdr. Eli Vance")),
            ("paragraph", "<p>New episodes arrive weekly on mediasite.</p>"),
        ),
    ),
    ArticleData(
        slug="review-the-long-harbour",
        title="Review: The Long Harbour is the best slow-burn mystery in years",
        kind="review",
        author="Mara Ellison",
        days_ago=12,
        summary="Ines Calloway anchors a patient, salt-stung drama that rewards every minute.",
        shows=("the-long-harbour",),
        body=(
            (
                "paragraph",
                "<p>There is no big twist in the first hour of <i>The Long Harbour</i>. "
                "There is weather, and guilt, and a town that knows more than it says.</p>",
            ),
            ("heading", "A lead performance to remember"),
            (
                "paragraph",
                "<p>Ines Calloway plays Nell Cardew as someone who has decided to be "
                "brave and is still negotiating the terms.</p>",
            ),
            ("quote", ("Every tide brings something back.", "Nell Cardew")),
            ("heading", "Verdict"),
            ("paragraph", "<p>Five stars. Watch it with the lights low.</p>"),
        ),
    ),
    ArticleData(
        slug="making-of-kingdom-of-ash-dragon",
        title="How Kingdom of Ash built a dragon you can believe in",
        kind="feature",
        author="Priya Raman",
        days_ago=20,
        summary="Puppeteers, a voice actor in a cupboard and eleven thousand scales.",
        shows=("kingdom-of-ash",),
        body=(
            (
                "paragraph",
                "<p>Vethrax began as a foam head on a broom handle, operated by two "
                "puppeteers who were on set for every scene.</p>",
            ),
            ("heading", "A performance first"),
            (
                "paragraph",
                "<p>Gus Penhaligon recorded the dragon's lines crouched in a "
                "soundproofed wardrobe, to keep his voice close and cramped.</p>",
            ),
            (
                "quote",
                ("A dragon should sound like it is tired of being feared.", "Gus Penhaligon"),
            ),
            (
                "paragraph",
                "<p>The visual effects team then added eleven thousand scales, "
                "each one reacting to firelight.</p>",
            ),
        ),
    ),
    ArticleData(
        slug="review-cold-ledger-season-two",
        title="Review: Cold Ledger's second season follows the money somewhere darker",
        kind="review",
        author="Mara Ellison",
        days_ago=35,
        summary="Mette Kjær is superb as the accountant who cannot stop counting.",
        shows=("cold-ledger",),
        body=(
            (
                "paragraph",
                "<p>Nordic noir has rarely been this interested in spreadsheets, or "
                "this good at making them terrifying.</p>",
            ),
            ("heading", "Numbers that bite"),
            (
                "paragraph",
                "<p>The season's best scene is ten minutes of Karen Vestergaard "
                "reading a ledger aloud while a minister slowly realises he is lost.</p>",
            ),
            ("quote", ("Money always leaves footprints.", "Karen Vestergaard")),
        ),
    ),
    ArticleData(
        slug="quiet-planet-sound-recordists",
        title="Meet the sound recordists behind The Quiet Planet",
        kind="feature",
        author="Priya Raman",
        days_ago=44,
        summary="They waited nine days in a hide for forty seconds of birdsong. It was worth it.",
        shows=("the-quiet-planet",),
        body=(
            (
                "paragraph",
                "<p>The crew of <b>The Quiet Planet</b> carried more microphones than "
                "cameras — and spent most of their time being very still.</p>",
            ),
            ("heading", "Nine days in a hide"),
            (
                "paragraph",
                "<p>For the dawn chorus episode, the team camped in a Welsh wood for "
                "nine days before the weather, and the birds, cooperated.</p>",
            ),
            ("quote", ("Silence is not empty. It is full of answers.", "Aurelio Bianchi")),
        ),
    ),
    ArticleData(
        slug="flatmates-anonymous-renewed",
        title="Flatmates Anonymous renewed for a fifth season",
        kind="news",
        author="Tobias Fenn",
        days_ago=6,
        summary="Gaz, Tilly, Rohan and Kiko aren't moving out any time soon.",
        shows=("flatmates-anonymous",),
        body=(
            (
                "paragraph",
                "<p>The sitcom has been renewed for a fifth season, with Celeste "
                "Ward returning as showrunner.</p>",
            ),
            (
                "paragraph",
                "<p>Production begins in the spring; the cast is said to be "
                "'cautiously thrilled' about the new landlord.</p>",
            ),
        ),
    ),
    ArticleData(
        slug="best-animated-shows-for-families",
        title="The best animated shows to watch as a family",
        kind="feature",
        author="Priya Raman",
        days_ago=28,
        summary="From paper foxes to robot sheriffs: our picks for a family movie night, in series form.",
        shows=("paper-moons", "tin-star-rangers"),
        body=(
            (
                "paragraph",
                "<p>Finding something the whole family will watch is hard. These two "
                "series make it easy.</p>",
            ),
            ("heading", "Paper Moons"),
            (
                "paragraph",
                "<p>Gentle, funny and beautifully crafted, with a fox who fixes "
                "everything with a fold.</p>",
            ),
            ("heading", "Tin Star Rangers"),
            (
                "paragraph",
                "<p>A space western for small people, with jokes for the grown-ups "
                "hidden in every episode.</p>",
            ),
        ),
    ),
    ArticleData(
        slug="review-the-understudy",
        title="Review: The Understudy is a stylish, twisty West End thriller",
        kind="review",
        author="Mara Ellison",
        days_ago=60,
        summary="Six tight episodes, one great stage-fright performance and a killer finale.",
        shows=("the-understudy",),
        body=(
            (
                "paragraph",
                "<p>Yara Castellanos gives a nervy, electric performance as the "
                "understudy who gets more than her big break.</p>",
            ),
            ("quote", ("The show must go on. Someone made sure of it.", "Bea Lowry")),
            ("paragraph", "<p>Four stars. The finale is worth the price of admission.</p>"),
        ),
    ),
    ArticleData(
        slug="what-is-coming-to-mediasite-this-month",
        title="New on mediasite this month",
        kind="news",
        author="Tobias Fenn",
        days_ago=1,
        summary="New seasons of Signal Lost and Night Shift at St. Brigid's, and more.",
        shows=("signal-lost", "night-shift-at-st-brigids"),
        body=(
            (
                "paragraph",
                "<p>It's a big month for returning favourites. Here is what to "
                "add to your watchlist.</p>",
            ),
            ("heading", "Returning"),
            (
                "paragraph",
                "<p><b>Signal Lost</b> and <b>Night Shift at St. Brigid's</b> both "
                "have new episodes every week, with the last ones arriving soon.</p>",
            ),
            ("heading", "Leaving soon"),
            (
                "paragraph",
                "<p>A few early episodes of <b>The Long Harbour</b> are leaving the "
                "catalog. Catch them while you can.</p>",
            ),
        ),
    ),
    ArticleData(
        slug="why-we-love-slow-television",
        title="Why we love slow television",
        kind="feature",
        author="Mara Ellison",
        days_ago=90,
        summary="In praise of shows that take their time, and trust you to keep up.",
        body=(
            (
                "paragraph",
                "<p>Not everything needs a cliffhanger. Some of the best television "
                "of the last few years has been happy to simply look, and listen.</p>",
            ),
            ("heading", "The pleasure of patience"),
            ("paragraph", "<p>Slow television asks something of us, and gives more back.</p>"),
            ("quote", ("Slow things, made well.", "June Takahashi")),
        ),
    ),
)

# Words for synthetic (benchmark) show titles.
SYNTHETIC_ADJECTIVES = (
    "Silent",
    "Crimson",
    "Hidden",
    "Northern",
    "Broken",
    "Golden",
    "Distant",
    "Wild",
    "Hollow",
    "Electric",
    "Frozen",
    "Burning",
    "Lost",
    "Secret",
    "Iron",
    "Paper",
)
SYNTHETIC_NOUNS = (
    "Harbour",
    "Signal",
    "Kingdom",
    "Ledger",
    "Orbit",
    "Garden",
    "Frontier",
    "Archive",
    "River",
    "Tower",
    "Circuit",
    "Crown",
    "Mirror",
    "Lantern",
    "Meridian",
    "Valley",
)
