"""Materials (files, images, video, links, embeds in folders and albums) and the space export."""

from django.urls import path

from comenius.spaces.views import materials

urlpatterns = [
    path("spaces/<int:space_id>/materials/", materials.materials, name="materials"),
    path("spaces/<int:space_id>/materials/upload/", materials.material_upload, name="material_upload"),
    path("spaces/<int:space_id>/materials/link/", materials.material_link, name="material_link"),
    path("spaces/<int:space_id>/materials/embed/", materials.material_embed, name="material_embed"),
    path("spaces/<int:space_id>/materials/folders/new/", materials.folder_new, name="folder_new"),
    path("spaces/<int:space_id>/materials/folders/<int:folder_id>/", materials.folder, name="folder"),
    path(
        "spaces/<int:space_id>/materials/folders/<int:folder_id>/delete/", materials.folder_delete, name="folder_delete"
    ),
    path("spaces/<int:space_id>/materials/<int:pk>/", materials.material, name="material"),
    path("spaces/<int:space_id>/materials/<int:pk>/delete/", materials.material_delete, name="material_delete"),
    # The two file addresses below are the ones page bodies may use for images (spaces.sanitise).
    path("spaces/<int:space_id>/materials/<int:pk>/file/", materials.material_file, name="material_file"),
    path(
        "spaces/<int:space_id>/materials/<int:pk>/thumbnail/", materials.material_thumbnail, name="material_thumbnail"
    ),
    path("spaces/<int:space_id>/export/", materials.export, name="export"),
]
