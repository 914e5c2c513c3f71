#!/bin/sh
# inert stand-in for actions-runner/config.sh
exit 0
