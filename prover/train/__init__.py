"""Training building blocks: samples, a replay buffer, losses and the fit loop, checkpoints."""
