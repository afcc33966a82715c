from django.urls import path

from comenius.countries import views

app_name = "countries"

urlpatterns = [
    path("countries/", views.index, name="index"),
    path("countries/<str:code>/", views.page, name="page"),
    path("countries/<str:code>/news/<int:pk>/", views.news, name="news"),
    path("countries/<str:code>/news/<int:pk>/image/", views.news_image, name="news_image"),
    path("countries/<str:code>/edit/", views.edit_page, name="edit_page"),
    path("countries/<str:code>/newsroom/", views.newsroom, name="newsroom"),
    path("countries/<str:code>/newsroom/new/", views.edit_news, name="new_news"),
    path("countries/<str:code>/newsroom/<int:pk>/", views.edit_news, name="edit_news"),
    path("countries/<str:code>/newsroom/<int:pk>/delete/", views.delete_news, name="delete_news"),
    path("nso/dashboard/", views.dashboard, name="dashboard"),
    path("nso/institutions/merge/", views.merge_institutions, name="merge_institutions"),
    path("nso/accounts/merge/", views.merge_member_accounts, name="merge_member_accounts"),
    path("account/merge/", views.merge_own_accounts, name="merge_own_accounts"),
    path("stats/", views.stats, name="stats"),
    path("stats/data.csv", views.stats_csv, name="stats_csv"),
    path("stats/data.json", views.stats_json, name="stats_json"),
]
