"""`python -m prover.train [experiment=cpu_small]`: online expert iteration (see prover.train.loop)."""

import hydra
from omegaconf import DictConfig

from prover.train.loop import run


@hydra.main(version_base="1.3", config_path="../../configs", config_name="train")
def main(cfg: DictConfig) -> None:
    run(cfg)


if __name__ == "__main__":
    main()
