"""Fixed word lists for deterministic demo data. Nothing here is a real person."""

FIRST_NAMES = (
    "Anna", "Bram", "Chantal", "Daan", "Esra", "Fleur", "Gijs", "Hanna", "Ilse",
    "Jesse", "Kim", "Lars", "Mila", "Noah", "Olga", "Pieter", "Quinten", "Roos",
    "Sanne", "Thijs", "Umut", "Vera", "Wouter", "Xander", "Yara", "Zoë", "Mohamed",
    "Fatima", "Sven", "Lotte",
)
LAST_NAMES = (
    "de Vries", "Jansen", "van den Berg", "Bakker", "Visser", "Smit", "Meijer",
    "Mulder", "de Boer", "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker",
    "Brouwer", "de Wit", "Dijkstra", "Smits", "de Graaf", "Kok", "Yilmaz", "Aydın",
    "Haverkamp", "Oude Egberink", "Nijhuis", "Kuipers", "Scholten", "Wolters",
    "Bosch",
)
STREETS = (
    "Beatrixstraat", "Molenstraat", "Kerkplein", "Steenstraat", "Ganzenmarkt",
    "Deurningerstraat", "Lindenlaan", "Hengelosestraat", "Vossenbrinkweg",
)
CITIES = ("Oldenzaal", "Hengelo", "Enschede", "Denekamp", "Losser", "Almelo")
DEPARTMENTS = ("Productie", "Logistiek", "Kantoor", "Onderhoud", "Zorg", "Verkoop")
JOB_TITLES = (
    "Operator", "Monteur", "Planner", "Administratief medewerker", "Chauffeur",
    "Verzorgende", "Teamleider", "Magazijnmedewerker",
)
MEDICAL_PHRASES = (
    "klachten van de onderrug na tillen",
    "overspannen na reorganisatie, slaapt slecht",
    "herstel na knieoperatie, fysiotherapie loopt",
    "migraine met uitval, neuroloog ingeschakeld",
    "burn-outklachten, begeleiding door psycholoog",
)
QUESTIONS = (
    "Hoe ervaart u uw gezondheid op dit moment?",
    "Welke behandeling volgt u?",
    "Hoeveel uur per dag kunt u belastbaar zijn?",
)
