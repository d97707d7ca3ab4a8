"""English texts."""

EN: dict[str, str] = {
    "site.name": "KrachtWerkt",
    "site.tagline": "Occupational health service for a healthy and safe organisation",
    "nav.skip": "Skip to content",
    "nav.language": "Language",
    "nav.main": "Main menu",
    "lang.nl": "Nederlands",
    "lang.en": "English",
    "home.title": "Your sick leave, your data, your say",
    "home.intro": (
        "In the KrachtWerkt portal you, the employee, see exactly what your employer "
        "learns about your sick leave, who opened your file, and which consents you "
        "gave. You can withdraw a consent and download all your data."
    ),
    "home.employer.title": "What does your employer hear?",
    "home.employer.intro": "We give your employer only:",
    "home.employer.item1": "the work you can and can no longer do;",
    "home.employer.item2": "the expected length of your absence;",
    "home.employer.item3": "the degree to which you are unfit for work;",
    "home.employer.item4": (
        "advice on adjustments, facilities and interventions for your return to work."
    ),
    "home.employer.secret": (
        "Everything else falls under the company doctor's medical secrecy and does not "
        "reach your employer without your explicit consent. You are always told what we "
        "pass on to your employer."
    ),
    "home.roles.title": "Who is the portal for?",
    "home.roles.employee": "Employees: access, consents and your rights.",
    "home.roles.employer": (
        "Employers: only the four items the law allows, deadlines and anonymised reports."
    ),
    "home.roles.care": "Company doctor and team: the medical file and the feedback.",
    "home.security.title": "Secure sign-in",
    "home.security.text": (
        "Everyone signs in with a password and a code from an authenticator app. Every "
        "look at your data is logged."
    ),
    "home.rights.title": "Your rights",
    "home.rights.text": (
        "You have the right to access, rectification, transfer and to stop the use of "
        "your data, and you can complain to the Dutch Data Protection Authority "
        "(Autoriteit Persoonsgegevens). We answer within four weeks."
    ),
    "footer.contact": "Contact",
    "footer.address": "Beatrixstraat 2, 7573 AA Oldenzaal, the Netherlands",
    "footer.phone": "Phone",
    "footer.email": "E-mail",
    "footer.demo": "Demo environment: all data is made up.",
}
