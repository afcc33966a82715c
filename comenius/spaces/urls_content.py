"""Home feed, pages, forum and the teachers' bulletin; the public view of a published page."""

from django.urls import path

from comenius.spaces.views import feed, forum, pages

urlpatterns = [
    path("spaces/<int:space_id>/", feed.home, name="home"),
    path("spaces/<int:space_id>/posts/new/", feed.post_new, name="post_new"),
    path("spaces/<int:space_id>/posts/<int:post_id>/comment/", feed.post_comment, name="post_comment"),
    path("spaces/<int:space_id>/posts/<int:post_id>/like/", feed.post_like, name="post_like"),
    path("spaces/<int:space_id>/posts/<int:post_id>/pin/", feed.post_pin, name="post_pin"),
    path("spaces/<int:space_id>/hide/<str:kind>/<int:pk>/", feed.content_hide, name="content_hide"),
    path("spaces/<int:space_id>/pages/", pages.pages, name="pages"),
    path("spaces/<int:space_id>/pages/new/", pages.page_new, name="page_new"),
    path("spaces/<int:space_id>/pages/<int:page_id>/", pages.page, name="page"),
    path("spaces/<int:space_id>/pages/<int:page_id>/edit/", pages.page_edit, name="page_edit"),
    path("spaces/<int:space_id>/pages/<int:page_id>/delete/", pages.page_delete, name="page_delete"),
    path("spaces/<int:space_id>/pages/<int:page_id>/publish/", pages.page_publish, name="page_publish"),
    path("spaces/<int:space_id>/pages/<int:page_id>/unpublish/", pages.page_unpublish, name="page_unpublish"),
    path("spaces/<int:space_id>/forum/", forum.forum, name="forum"),
    path("spaces/<int:space_id>/forum/new/", forum.thread_new, name="thread_new"),
    path("spaces/<int:space_id>/forum/<int:thread_id>/", forum.thread, name="thread"),
    path("spaces/<int:space_id>/forum/<int:thread_id>/reply/", forum.thread_reply, name="thread_reply"),
    path("spaces/<int:space_id>/bulletin/", forum.bulletin, name="bulletin"),
    path("spaces/<int:space_id>/bulletin/new/", forum.bulletin_new, name="bulletin_new"),
    path("spaces/<int:space_id>/bulletin/<int:thread_id>/", forum.bulletin_thread, name="bulletin_thread"),
    path("spaces/<int:space_id>/bulletin/<int:thread_id>/reply/", forum.bulletin_reply, name="bulletin_reply"),
    path("gallery/<int:project_pk>/pages/<int:page_pk>/", pages.public_page, name="public_page"),
    path(
        "gallery/<int:project_pk>/pages/<int:page_pk>/images/<int:material_pk>/",
        pages.public_page_image,
        name="public_page_image",
    ),
]
