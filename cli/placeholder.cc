namespace rundown {}
