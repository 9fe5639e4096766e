// Browser journeys build pages, click through several screens and wait for transitions.
jest.setTimeout(120_000)
