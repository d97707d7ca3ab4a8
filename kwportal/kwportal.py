import reflex as rx


def index() -> rx.Component:
    return rx.el.main(rx.heading("KrachtWerkt"), rx.text("hallo"))


app = rx.App()
app.add_page(index, route="/")
