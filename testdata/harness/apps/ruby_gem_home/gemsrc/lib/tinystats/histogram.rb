module TinyStats
  # One bar of '#' per value, scaled to width.
  def self.histogram(xs, width: 20)
    max = xs.max.to_f
    xs.map { |x| "#" * (x / max * width).round }
  end
end
