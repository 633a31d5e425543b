"""`python -m prover.train [experiment=cpu_small]`: online expert iteration (see prover.train.loop)."""

import logging

import hydra
from omegaconf import DictConfig

from prover.ray_cluster import RayClusterError
from prover.train.loop import run


@hydra.main(version_base="1.3", config_path="../../configs", config_name="train")
def main(cfg: DictConfig) -> None:
    try:
        run(cfg)
    except (ValueError, FileNotFoundError, RayClusterError) as err:  # bad config, input or cluster: a message
        logging.getLogger("prover.train").error("%s", err)
        raise SystemExit(2) from None


if __name__ == "__main__":
    main()
