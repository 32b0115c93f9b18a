"""Output formats, one module each beside the base class they share.

    base      Reporter, Run, colour, printable names, JSON text
    simple    text, json, github, --statistics
    full      the default on a terminal: findings with their source lines
    sarif     SARIF 2.1.0 for code-scanning services
    junit     JUnit XML for CI servers
    plugin    registers the formats under their --format names
"""
