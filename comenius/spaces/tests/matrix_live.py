from comenius.spaces.tests.matrix_common import inside, space

ROWS = {
    "spaces:chat": (space, inside()),
    "spaces:meetings": (space, inside()),
}
