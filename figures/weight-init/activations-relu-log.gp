# activations-relu-log.gp — written by the course; edit freely and rerun, no retraining needed.
#   gnuplot activations-relu-log.gp                  writes activations-relu-log.png and activations-relu-log.svg
#   gnuplot -c activations-relu-log.gp terminal      draws it in the terminal
#   gnuplot -c activations-relu-log.gp files a.png b.svg   writes a.png and b.svg (beside it) instead

# Work beside this script, where its data files are: its path up to the last '/'.
# (Found in gnuplot itself, not the shell, so any character in the path is safe.)
script_dir = "."
do for [i = 1:strlen(ARG0)] { if (ARG0[i:i] eq "/") { script_dir = (i == 1) ? "/" : ARG0[1:i-1] } }
cd script_dir
mode = (ARGC > 0) ? ARG1 : "files"
targets = (mode eq "terminal") ? "terminal" : "png svg"
png_file = (ARGC > 1) ? ARG2 : 'activations-relu-log.png'
svg_file = (ARGC > 2) ? ARG3 : 'activations-relu-log.svg'

do for [target in targets] {
  if (target eq "png") { set terminal pngcairo size 1500,420 noenhanced font 'Sans,10'; set output png_file }
  if (target eq "svg") { set terminal svg size 1500,420 noenhanced font 'Sans,10' background 'white'; set output svg_file }
  if (target eq "terminal") { set terminal dumb size 180,30 noenhanced; set output }
  set multiplot layout 1,3 title 'ReLU: each layer''s positive outputs on a log scale (quarter-decade bins)'
  # — panel 'ReLU, σ = 0.01' —
  unset logscale; unset contour; unset colorbox; set surface; set view 60,30; set size noratio
  set style fill solid 0.6 noborder; set grid; unset xtics; unset ytics; set xtics nomirror; set ytics nomirror; set border 3
  set title 'ReLU, σ = 0.01'; set xlabel 'log₁₀ of output (> 0)'; set ylabel 'count'
  set xrange [-10:2]; set yrange [0:15127]
  set format x '% h'
  set format y '% h'
  set key default; set key top left opaque
  plot 'activations-relu-log.dat' using 1:2 with lines lw 1.5 title 'layer 1', \
       'activations-relu-log.dat' using 1:3 with lines lw 1.5 title 'layer 2', \
       'activations-relu-log.dat' using 1:4 with lines lw 1.5 title 'layer 3', \
       'activations-relu-log.dat' using 1:5 with lines lw 1.5 title 'layer 4', \
       'activations-relu-log.dat' using 1:6 with lines lw 1.5 title 'layer 5'
  # — panel 'ReLU, Xavier σ = √(1/100) = 0.1' —
  unset logscale; unset contour; unset colorbox; set surface; set view 60,30; set size noratio
  set style fill solid 0.6 noborder; set grid; unset xtics; unset ytics; set xtics nomirror; set ytics nomirror; set border 3
  set title 'ReLU, Xavier σ = √(1/100) = 0.1'; set xlabel 'log₁₀ of output (> 0)'; set ylabel ''
  set xrange [-10:2]; set yrange [0:15127]
  set format x '% h'
  set format y '% h'
  unset key
  plot 'activations-relu-log.dat' using 1:7 with lines lw 1.5 title 'layer 1', \
       'activations-relu-log.dat' using 1:8 with lines lw 1.5 title 'layer 2', \
       'activations-relu-log.dat' using 1:9 with lines lw 1.5 title 'layer 3', \
       'activations-relu-log.dat' using 1:10 with lines lw 1.5 title 'layer 4', \
       'activations-relu-log.dat' using 1:11 with lines lw 1.5 title 'layer 5'
  # — panel 'ReLU, He σ = √(2/100) = 0.141' —
  unset logscale; unset contour; unset colorbox; set surface; set view 60,30; set size noratio
  set style fill solid 0.6 noborder; set grid; unset xtics; unset ytics; set xtics nomirror; set ytics nomirror; set border 3
  set title 'ReLU, He σ = √(2/100) = 0.141'; set xlabel 'log₁₀ of output (> 0)'; set ylabel ''
  set xrange [-10:2]; set yrange [0:15127]
  set format x '% h'
  set format y '% h'
  unset key
  plot 'activations-relu-log.dat' using 1:12 with lines lw 1.5 title 'layer 1', \
       'activations-relu-log.dat' using 1:13 with lines lw 1.5 title 'layer 2', \
       'activations-relu-log.dat' using 1:14 with lines lw 1.5 title 'layer 3', \
       'activations-relu-log.dat' using 1:15 with lines lw 1.5 title 'layer 4', \
       'activations-relu-log.dat' using 1:16 with lines lw 1.5 title 'layer 5'
  unset multiplot
  set output
}
