from comenius.spaces.tests.matrix_common import inside, space

ROWS = {
    "spaces:materials": (space, inside()),
}
