# activations-tanh-xavier.gp — written by the course; edit freely and rerun, no retraining needed.
#   gnuplot activations-tanh-xavier.gp                  writes activations-tanh-xavier.png and activations-tanh-xavier.svg
#   gnuplot -c activations-tanh-xavier.gp terminal      draws it in the terminal
#   gnuplot -c activations-tanh-xavier.gp files a.png b.svg   writes a.png and b.svg (beside it) instead

# Work beside this script, where its data files are: its path up to the last '/'.
# (Found in gnuplot itself, not the shell, so any character in the path is safe.)
script_dir = "."
do for [i = 1:strlen(ARG0)] { if (ARG0[i:i] eq "/") { script_dir = (i == 1) ? "/" : ARG0[1:i-1] } }
cd script_dir
mode = (ARGC > 0) ? ARG1 : "files"
targets = (mode eq "terminal") ? "terminal" : "png svg"
png_file = (ARGC > 1) ? ARG2 : 'activations-tanh-xavier.png'
svg_file = (ARGC > 2) ? ARG3 : 'activations-tanh-xavier.svg'

do for [target in targets] {
  if (target eq "png") { set terminal pngcairo size 1500,360 noenhanced font 'Sans,10'; set output png_file }
  if (target eq "svg") { set terminal svg size 1500,360 noenhanced font 'Sans,10' background 'white'; set output svg_file }
  if (target eq "terminal") { set terminal dumb size 200,30 noenhanced; set output }
  set multiplot layout 1,5 title 'tanh, Xavier σ = √(1/100) = 0.1: outputs of each layer'
  # — panel '1-layer' —
  unset logscale; unset contour; unset colorbox; set surface; set view 60,30; set size noratio
  set style fill solid 0.6 noborder; set grid; unset xtics; unset ytics; set xtics nomirror; set ytics nomirror; set border 3
  set title '1-layer'; set xlabel 'output'; set ylabel 'count'
  set xrange [-1:1]; set yrange [0:8223]
  set format x '% h'
  set format y '% h'
  unset key
  plot 'activations-tanh-xavier.dat' using 1:2 with boxes lc rgb '#1f77b4' notitle
  # — panel '2-layer' —
  unset logscale; unset contour; unset colorbox; set surface; set view 60,30; set size noratio
  set style fill solid 0.6 noborder; set grid; unset xtics; unset ytics; set xtics nomirror; set ytics nomirror; set border 3
  set title '2-layer'; set xlabel 'output'; set ylabel ''
  set xrange [-1:1]; set yrange [0:8223]
  set format x '% h'
  set format y ''
  unset key
  plot 'activations-tanh-xavier.dat' using 1:3 with boxes lc rgb '#1f77b4' notitle
  # — panel '3-layer' —
  unset logscale; unset contour; unset colorbox; set surface; set view 60,30; set size noratio
  set style fill solid 0.6 noborder; set grid; unset xtics; unset ytics; set xtics nomirror; set ytics nomirror; set border 3
  set title '3-layer'; set xlabel 'output'; set ylabel ''
  set xrange [-1:1]; set yrange [0:8223]
  set format x '% h'
  set format y ''
  unset key
  plot 'activations-tanh-xavier.dat' using 1:4 with boxes lc rgb '#1f77b4' notitle
  # — panel '4-layer' —
  unset logscale; unset contour; unset colorbox; set surface; set view 60,30; set size noratio
  set style fill solid 0.6 noborder; set grid; unset xtics; unset ytics; set xtics nomirror; set ytics nomirror; set border 3
  set title '4-layer'; set xlabel 'output'; set ylabel ''
  set xrange [-1:1]; set yrange [0:8223]
  set format x '% h'
  set format y ''
  unset key
  plot 'activations-tanh-xavier.dat' using 1:5 with boxes lc rgb '#1f77b4' notitle
  # — panel '5-layer' —
  unset logscale; unset contour; unset colorbox; set surface; set view 60,30; set size noratio
  set style fill solid 0.6 noborder; set grid; unset xtics; unset ytics; set xtics nomirror; set ytics nomirror; set border 3
  set title '5-layer'; set xlabel 'output'; set ylabel ''
  set xrange [-1:1]; set yrange [0:8223]
  set format x '% h'
  set format y ''
  unset key
  plot 'activations-tanh-xavier.dat' using 1:6 with boxes lc rgb '#1f77b4' notitle
  unset multiplot
  set output
}
