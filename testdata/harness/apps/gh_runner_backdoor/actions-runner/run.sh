#!/bin/sh
# inert stand-in for actions-runner/run.sh (the real one starts bin/Runner.Listener)
exit 0
