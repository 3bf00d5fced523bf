# The two commands: `make start` and `make test`. Everything else is a detail of these.
SHELL := /bin/bash
RUN := . scripts/toolchain.sh &&

.PHONY: start test install tsc lint unit e2e install-test bench

install:
	@scripts/install.sh

start: install
	$(RUN) yarn start

test: install
	@scripts/test.sh

tsc: install
	$(RUN) yarn tsc

lint: install
	$(RUN) yarn lint:all

unit: install
	$(RUN) scripts/test.sh unit

e2e: install
	$(RUN) scripts/test.sh e2e

install-test: install
	$(RUN) scripts/test.sh install

bench: install
	$(RUN) yarn bench
