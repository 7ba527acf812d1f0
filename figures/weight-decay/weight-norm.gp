# weight-norm.gp — written by the course; edit freely and rerun, no retraining needed.
#   gnuplot weight-norm.gp                  writes weight-norm.png and weight-norm.svg
#   gnuplot -c weight-norm.gp terminal      draws it in the terminal
#   gnuplot -c weight-norm.gp files a.png b.svg   writes a.png and b.svg (beside it) instead

# Work beside this script, where its data files are: its path up to the last '/'.
# (Found in gnuplot itself, not the shell, so any character in the path is safe.)
script_dir = "."
do for [i = 1:strlen(ARG0)] { if (ARG0[i:i] eq "/") { script_dir = (i == 1) ? "/" : ARG0[1:i-1] } }
cd script_dir
mode = (ARGC > 0) ? ARG1 : "files"
targets = (mode eq "terminal") ? "terminal" : "png svg"
png_file = (ARGC > 1) ? ARG2 : 'weight-norm.png'
svg_file = (ARGC > 2) ? ARG3 : 'weight-norm.svg'

do for [target in targets] {
  if (target eq "png") { set terminal pngcairo size 800,560 noenhanced font 'Sans,10'; set output png_file }
  if (target eq "svg") { set terminal svg size 800,560 noenhanced font 'Sans,10' background 'white'; set output svg_file }
  if (target eq "terminal") { set terminal dumb size 100,30 noenhanced; set output }
  set multiplot layout 1,1
  # — panel 'The size of the weights, ΣW² over all weight matrices' —
  unset logscale; unset contour; unset colorbox; set surface; set view 60,30; set size noratio
  set style fill solid 0.6 noborder; set grid; unset xtics; unset ytics; set xtics nomirror; set ytics nomirror; set border 3
  set title 'The size of the weights, ΣW² over all weight matrices'; set xlabel 'epochs'; set ylabel 'ΣW²'
  set xrange [0:200]; set yrange [0:1377.435728]
  set format x '% h'
  set format y '% h'
  set key default; set key bottom left opaque
  plot 'weight-decay.dat' using 1:8 with linespoints lw 1.5 pi 10 ps 1 lc rgb '#d62728' title 'λ = 0', \
       'weight-decay.dat' using 1:9 with linespoints lw 1.5 pi 10 ps 1 lc rgb '#2ca02c' title 'λ = 0.1', \
       'weight-decay.dat' using 1:(1227.0989164753898*0.994014980014994**$1) with lines lw 1.5 dt 2 lc rgb 'gray' title 'λ = 0.1: the shrinking (1 − ηλ) alone'
  unset multiplot
  set output
}
