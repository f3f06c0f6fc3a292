"""Mat mode: a full-screen, timed rolling session read from the floor (`MatWindow`), its
countdown ring, the step's close-up and the clock it runs on."""
