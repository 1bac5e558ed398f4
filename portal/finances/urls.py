from django.urls import path

from portal.finances import views

app_name = "finances"
urlpatterns = [
    path("", views.index, name="index"),
    path("my-invoices/", views.my_invoices, name="my_invoices"),
    path("invoices/<int:pk>/", views.invoice, name="invoice"),
    path("invoices/<int:pk>/pay/", views.payment_add, name="payment_add"),
    path("invoices/<int:pk>/invoice.pdf", views.invoice_pdf, name="invoice_pdf"),
    path("invoices/<int:pk>/receipts/<int:payment_pk>.pdf", views.receipt_pdf, name="receipt_pdf"),
    path("<slug:slug>/book/", views.book, name="book"),
    path("<slug:slug>/book/add/", views.entry_add, name="entry_add"),
    path("<slug:slug>/book/entries/<int:pk>/correct/", views.entry_correct, name="entry_correct"),
    path("<slug:slug>/book/import/", views.book_import, name="book_import"),
    path("<slug:slug>/book/import/<int:import_id>/", views.book_import_status, name="book_import_status"),
    path("<slug:slug>/book/import-template.xlsx", views.import_template, name="import_template"),
    path("<slug:slug>/opening-balance/", views.opening_balance, name="opening_balance"),
    path("<slug:slug>/sustainability/", views.sustainability, name="sustainability"),
    path("<slug:slug>/sustainability/target/", views.target_set, name="target_set"),
    path("<slug:slug>/dues/", views.dues, name="dues"),
    path("<slug:slug>/dues/<int:year>/raise/", views.invoices_raise, name="invoices_raise"),
    path("<slug:slug>/invoices/", views.invoices, name="invoices"),
]
