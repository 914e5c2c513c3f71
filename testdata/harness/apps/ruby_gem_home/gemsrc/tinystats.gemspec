Gem::Specification.new do |s|
  s.name = "tinystats"
  s.version = "0.2.0"
  s.summary = "Mean, median and a histogram line for small samples"
  s.authors = ["rundown harness"]
  s.license = "MIT"
  s.files = ["lib/tinystats.rb", "lib/tinystats/histogram.rb"]
end
