// Function tests make many HTTP round trips to a real emulator; under a loaded CI core they need room.
jest.setTimeout(30_000)
