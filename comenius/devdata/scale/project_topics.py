"""What the scale projects are about and how they are spread: topics, texts, states, roles."""

from __future__ import annotations

from comenius.core.vocabulary import Language
from comenius.projects.models import ProjectRole, ProjectState

LANGUAGES = {code for code, _label in Language.choices}
# (title, what the pupils do, subjects (the first is the main one), youngest and oldest pupils it suits)
TOPICS: list[tuple[str, str, list[str], int, int]] = [
    ("Climate diaries", "keep weather and climate diaries", ["environment", "science", "geography"], 8, 19),
    ("Our town, your town", "show each other their towns", ["geography", "social_studies", "foreign_languages"], 7, 16),
    ("Fairy tales from our countries", "retell and illustrate fairy tales", ["mother_tongue", "drama", "art"], 4, 12),
    ("Coding a game together", "design and program a small game", ["ict", "mathematics", "technology"], 9, 19),
    (
        "Healthy food, healthy school",
        "compare school meals and cook",
        ["health", "biology", "physical_education"],
        5,
        15,
    ),
    ("Water around us", "test and protect the water of their region", ["science", "environment", "chemistry"], 8, 18),
    ("Castles and legends", "collect the legends of local castles", ["history", "mother_tongue", "art"], 8, 15),
    ("Music of our regions", "record and swap songs of their regions", ["music", "art", "foreign_languages"], 5, 18),
    ("Safe online", "write a charter for safe internet use", ["esafety", "ict", "citizenship"], 9, 18),
    ("Maths in the playground", "measure and count in the playground", ["mathematics", "physical_education"], 6, 12),
    (
        "Young citizens of Europe",
        "run a model European parliament",
        ["citizenship", "social_studies", "history"],
        12,
        19,
    ),
    ("Bees and flowers", "plant flowers and watch the bees", ["biology", "environment", "early_learning"], 3, 11),
    ("Playing together", "share the games they play", ["early_learning", "physical_education", "art"], 2, 8),
    ("Recipes and traditions", "swap family recipes and customs", ["foreign_languages", "health", "geography"], 7, 18),
    ("Small entrepreneurs", "found and run small pupil companies", ["economics", "vocational", "technology"], 13, 20),
    ("Robots in class", "build and program simple robots", ["technology", "ict", "physics"], 9, 19),
    ("Stars and planets", "observe the night sky together", ["physics", "science", "geography"], 8, 18),
    ("Everyone belongs", "make their schools more welcoming", ["inclusion", "citizenship", "philosophy"], 6, 19),
    ("Postcards from Europe", "send postcards and letters", ["foreign_languages", "geography", "art"], 6, 14),
    ("Theatre without borders", "stage a play in several languages", ["drama", "foreign_languages", "music"], 9, 19),
    ("Ancient myths", "compare the myths of antiquity", ["classics", "history", "philosophy"], 12, 19),
    ("Workshops of the future", "share the skills of their trades", ["vocational", "technology", "economics"], 15, 20),
    ("Festivals and faiths", "present the festivals of their year", ["religion", "social_studies", "music"], 7, 16),
    (
        "Sport and fair play",
        "hold a sports day with fair-play rules",
        ["physical_education", "health", "citizenship"],
        6,
        18,
    ),
    ("Numbers in nature", "find patterns and numbers in nature", ["mathematics", "biology", "science"], 7, 15),
    (
        "Reading buddies",
        "read books together and review them",
        ["mother_tongue", "foreign_languages", "inclusion"],
        5,
        14,
    ),
]
SUMMARIES = [
    "Pupils aged {low} to {high} from {places} {theme} and share what they find in the project space.",
    "Classes from {places} {theme}; pupils aged {low} to {high} work in mixed teams.",
    "Over a school term, pupils from {places} {theme} and present the results to each other.",
    "Our pupils ({low}–{high}) {theme} with partner schools in {places}.",
]
DESCRIPTION = (
    " The classes meet in video calls every few weeks, work in mixed international teams, keep a shared diary"
    " in the project space and present their results to parents and the other schools at the end."
)
TOOLS = "The project space (pages, forum and chat), video calls, shared documents and photos."
AIMS = "Pupils practise the subjects of the project, a foreign language and working with peers abroad."
WORK_PROCESS = "Introductions, three work phases with a shared product each, a final presentation and evaluation."
RESULTS = "A shared e-book, an exhibition in each school and a short film about the project."
# Share of each state among scale projects: mostly approved projects, a tenth still being prepared.
PROJECT_STATES = [
    (ProjectState.ARCHIVED, 38.0),
    (ProjectState.CLOSED, 20.0),
    (ProjectState.ACTIVE, 32.0),
    (ProjectState.DRAFT, 4.5),
    (ProjectState.AWAITING_COFOUNDER, 2.0),
    (ProjectState.AWAITING_APPROVAL, 3.5),
]
FIRST_YEAR = 2008
PARTNER_ROLES = [
    (ProjectRole.TEACHER, 70),
    (ProjectRole.EXPERT, 12),
    (ProjectRole.OBSERVER, 10),
    (ProjectRole.TEACHER_ADMIN, 8),
]
# The first members (who also get a full inbox) each belong to about a dozen projects: the benchmark's
# "My projects" page reads one of them.
BUSY_MEMBERS = 20
BUSY_PROJECTS = 12
# (user id, country, institution id, city, institution type, youngest, oldest pupils)
ScaleMember = tuple[int, str, int, str, str, int, int]
