from comenius.spaces.tests.matrix_common import inside, space

ROWS = {
    "spaces:home": (space, inside()),
    "spaces:pages": (space, inside()),
    "spaces:forum": (space, inside()),
    "spaces:bulletin": (space, inside()),
}
