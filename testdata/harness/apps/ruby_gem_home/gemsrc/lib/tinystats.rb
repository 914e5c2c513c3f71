require "tinystats/histogram"

# Mean and median of an array of numbers.
module TinyStats
  def self.mean(xs) = xs.sum.to_f / xs.size

  def self.median(xs)
    s = xs.sort
    s.size.odd? ? s[s.size / 2].to_f : (s[s.size / 2 - 1] + s[s.size / 2]) / 2.0
  end
end
